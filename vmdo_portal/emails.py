"""Emails in the recipient's language: the API the services call.

Mail is queued here and rendered and sent by a background task
(`vmdo_portal.tasks.send_templated_mail_task`); this module imports the tasks, never the
other way round.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from vmdo_portal.tasks import pack, send_templated_mail_task


def send_templated_mail(
    *, to: list[str], language: str, template: str, context: dict, attachments=(), reply_to=()
) -> None:
    """Send `<template>_subject.txt` and `<template>_body.txt` in `language`, in the
    background (a task).

    attachments: (dotted path of a function, its argument) pairs, e.g.
    ("events.calendar_data.registration_attachment", event). The function runs when
    the email is delivered, in the worker, and returns the attachment (a MIMEPart);
    the argument travels like the context (a model instance as a reference), so the
    task carries no file.

    reply_to: addresses the recipient's answer goes to (only with that person's consent).
    """
    send_templated_mail_task.enqueue(
        to=list(to),
        language=language,
        template=template,
        context=pack(context),
        attachments=[[path, pack(argument)] for path, argument in attachments],
        reply_to=list(reply_to),
    )


def staff_recipients() -> list[str]:
    """Who hears about new applications and profile changes: the editorial group."""
    emails = list(
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name="Redaktion")
        .values_list("email", flat=True)
        .distinct()
    )
    return emails or [settings.PORTAL_CONTACT["email"]]
