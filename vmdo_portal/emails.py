"""Emails in the recipient's language, through Django's mail framework."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string


def send_templated_mail(
    *, to: list[str], language: str, template: str, context: dict, attachments=()
) -> None:
    """Send in the background (a task): see vmdo_portal.tasks.

    attachments: (dotted path of a function, its argument) pairs, e.g.
    ("events.calendar_data.registration_attachment", event). The function runs when
    the email is delivered, in the worker, and returns the attachment (a MIMEPart);
    the argument travels like the context (a model instance as a reference), so the
    task carries no file.
    """
    from vmdo_portal.tasks import pack, send_templated_mail_task

    send_templated_mail_task.enqueue(
        to=list(to),
        language=language,
        template=template,
        context=pack(context),
        attachments=[[path, pack(argument)] for path, argument in attachments],
    )


def deliver_templated_mail(
    *, to: list[str], language: str, template: str, context: dict, attachments=()
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send,
    with the attachments built by their functions (see send_templated_mail).

    Templates are plain text and rendered with autoescaping off; values from users
    stay plain text in the message, never markup.
    """
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
        parts = [import_string(path)(argument) for path, argument in attachments]
    message = EmailMessage(
        subject=f"[VMDO] {' '.join(subject.split())}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    for part in parts:
        message.attach(part)
    message.send()


def staff_recipients() -> list[str]:
    """Who hears about new applications and profile changes: the editorial group."""
    emails = list(
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name="Redaktion")
        .values_list("email", flat=True)
        .distinct()
    )
    return emails or [settings.PORTAL_CONTACT["email"]]
