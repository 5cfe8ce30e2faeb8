"""Reads of the circulars: who gets one, the archive, the progress of a sending."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from members.models import Association, Membership
from network.models import Circular, CircularDelivery
from translations.services import source_language, text_of


@dataclass(frozen=True)
class Recipient:
    email: str
    user_id: int
    association_id: int
    language: str


def matching_associations(circular: Circular):
    """The member associations the circular is addressed to: every chosen criterion must
    hold (any of its values); nothing chosen = all member associations."""
    associations = Association.objects.filter(status=Association.Status.MEMBER)
    fields = list(circular.fields_of_activity.values_list("pk", flat=True))
    if fields:
        associations = associations.filter(fields_of_activity__in=fields)
    if circular.districts:
        associations = associations.filter(district__in=circular.districts)
    if circular.languages:
        associations = associations.filter(languages__code__in=circular.languages)
    return associations.distinct()


def translated_languages(circular: Circular) -> set[str]:
    """The languages the circular can be sent in: German and those with both subject and
    text translated."""
    codes = {code for code, _name in settings.LANGUAGES}
    return {source_language()} | {
        code
        for code in codes
        if text_of(circular, "subject", code) and text_of(circular, "body", code)
    }


def circular_recipients(circular: Circular) -> list[Recipient]:
    """The active accounts with a membership in a matching association, each once (by
    address; the first association by name), in their account language where the circular
    is translated into it, otherwise in German."""
    languages = translated_languages(circular)
    memberships = (
        Membership.objects.filter(
            association__in=matching_associations(circular).values("pk"), user__is_active=True
        )
        .select_related("user")
        .order_by("association__name", "association_id", "user__email")
    )
    recipients: dict[str, Recipient] = {}
    for membership in memberships:
        user = membership.user
        key = user.email.lower()
        if key in recipients:
            continue
        language = user.language if user.language in languages else source_language()
        recipients[key] = Recipient(user.email, user.pk, membership.association_id, language)
    return list(recipients.values())


def delivery_counts(circular: Circular) -> dict[str, int]:
    """{"pending": n, "sent": n, "failed": n, "total": n} in one query."""
    statuses = CircularDelivery.Status
    return CircularDelivery.objects.filter(circular=circular).aggregate(
        total=Count("pk"),
        **{
            status.value: Count("pk", filter=Q(status=status))
            for status in (statuses.PENDING, statuses.SENT, statuses.FAILED)
        },
    )


def circulars_with_counts(circulars):
    """Each with `deliveries_total` and `deliveries_sent` (the back office's list)."""
    return circulars.annotate(
        deliveries_total=Count("deliveries"),
        deliveries_sent=Count(
            "deliveries", filter=Q(deliveries__status=CircularDelivery.Status.SENT)
        ),
    )


def failed_deliveries(circular: Circular, limit: int = 200):
    return CircularDelivery.objects.filter(
        circular=circular, status=CircularDelivery.Status.FAILED
    ).select_related("association")[:limit]


def circulars_archive():
    """Circulars whose sending has begun, newest first (the network area's archive)."""
    return Circular.objects.exclude(status=Circular.Status.DRAFT).order_by("-sent_at", "-pk")


def circular_in_archive(pk: int) -> Circular | None:
    return circulars_archive().filter(pk=pk).first()


def circulars_since(since, limit: int = 5) -> list[Circular]:
    """What was sent after `since` (the start page's "new since your last visit")."""
    return list(circulars_archive().filter(sent_at__gt=since)[:limit])
