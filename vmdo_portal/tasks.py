"""Background work through Django's tasks framework.

Development and tests run tasks at once (ImmediateBackend); production stores them in the
database (django-tasks-db) and a worker (`manage.py db_worker`) runs them, so a slow mail
server never slows a page. Task arguments are JSON: model instances travel as references
and are loaded again by the worker.

Mail is queued through `vmdo_portal.emails.send_templated_mail`; the task here renders
and sends it.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.db import models
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from vmdo_portal import mail_context

logger = logging.getLogger(__name__)


def pack(value):
    if isinstance(value, models.Model):
        return {"__model__": value._meta.label, "pk": value.pk}
    if isinstance(value, dict):
        return {key: pack(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [pack(item) for item in value]
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def unpack(value):
    if isinstance(value, dict) and "__model__" in value:
        return apps.get_model(value["__model__"])._default_manager.get(pk=value["pk"])
    if isinstance(value, dict):
        return {key: unpack(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unpack(item) for item in value]
    return value


@task
def send_templated_mail_task(
    *, to: list[str], language: str, template: str, context: dict, attachments=(), reply_to=()
) -> None:
    try:
        context = unpack(context)
        attachments = [(path, unpack(argument)) for path, argument in attachments]
    except (LookupError, ObjectDoesNotExist):
        logger.warning("email %s not sent: its record no longer exists", template)
        return
    deliver_templated_mail(
        to=to,
        language=language,
        template=template,
        context=context,
        attachments=attachments,
        reply_to=reply_to,
    )


def deliver_templated_mail(
    *, to: list[str], language: str, template: str, context: dict, attachments=(), reply_to=()
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send,
    with the attachments built by their functions (see emails.send_templated_mail).

    Templates are plain text and rendered with autoescaping off; values from users
    stay plain text in the message, never markup.
    """
    with translation.override(language):
        context = {
            "site_url": settings.SITE_URL,
            "portal_contact": settings.PORTAL_CONTACT,
            **mail_context.defaults(context),
            **context,
        }
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
        parts = [import_string(path)(argument) for path, argument in attachments]
    message = EmailMessage(
        subject=f"[VMDO] {' '.join(subject.split())}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=list(reply_to) or None,
    )
    for part in parts:
        message.attach(part)
    message.send()
