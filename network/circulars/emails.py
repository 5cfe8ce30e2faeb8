"""The email of a circular: a plain-text part (the Markdown as written) and an HTML part
(the Markdown rendered with raw HTML switched off, so nothing in the text becomes markup),
in the delivery's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from network.models import Circular, CircularDelivery
from vmdo_portal import mail_context
from vmdo_portal.l10n import format_date
from vmdo_portal.site_url import absolute_url
from vmdo_portal.text import one_line
from vmdo_portal.vocabulary import TranslationStatus

TEMPLATE = "network/circulars/email/circular"


def circular_message(
    circular: Circular, delivery: CircularDelivery, statuses: dict
) -> EmailMultiAlternatives:
    """`statuses`: the circular's translation statuses (translations.selectors.statuses_for),
    read once per batch: a machine translation says so."""
    language = delivery.language
    with translation.override(language):
        context = {
            "site_url": settings.SITE_URL,
            "portal_contact": settings.PORTAL_CONTACT,
            **mail_context.defaults({}),
            "circular": circular,
            "association": delivery.association,
            "date": format_date(circular.sent_at, "long") if circular.sent_at else "",
            "url": absolute_url(circular.get_absolute_url()),
            "machine": statuses.get("body", {}).get(language) == TranslationStatus.MACHINE,
            "language": language,
        }
        subject = one_line(render_to_string(f"{TEMPLATE}_subject.txt", context))
        text = render_to_string(f"{TEMPLATE}_body.txt", context)
        html = render_to_string(f"{TEMPLATE}_body.html", context)
    message = EmailMultiAlternatives(
        subject=f"[VMDO] {subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message
