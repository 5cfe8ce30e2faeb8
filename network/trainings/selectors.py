"""Read queries of the trainings in the network area (events for the member associations)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404

from events.models import Event, Registration
from vmdo_portal.models import AuditEntry

NEWS_LIMIT = 6


def _mine(user) -> Prefetch:
    """The person's own registrations (not cancelled) as `event.mine`."""
    return Prefetch(
        "registrations",
        queryset=Registration.objects.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("association"),
        to_attr="mine",
    )


def upcoming_trainings(*, user, now):
    """Trainings that have not ended, by date, with their free places (`places_left`) and the
    person's own registrations (`mine`)."""
    return (
        Event.objects.for_members()
        .upcoming(now)
        .select_related("room__facility", "site")
        .prefetch_related("languages", _mine(user))
        .annotate(
            places_left=Greatest(
                F("capacity")
                - Sum(
                    "registrations__people",
                    filter=Q(registrations__status=Registration.Status.CONFIRMED),
                    default=0,
                ),
                0,
            )
        )
        .order_by("start", "pk")
    )


def past_registrations(*, user, now):
    """The person's confirmed registrations for trainings that are over, latest first;
    those with `attended` have a certificate."""
    return (
        Registration.objects.filter(
            user=user,
            status=Registration.Status.CONFIRMED,
            event__audience=Event.Audience.MEMBERS,
            event__end__lt=now,
        )
        .select_related("event", "association")
        .order_by("-event__start", "pk")
    )


def training(slug: str) -> Event:
    """A published or cancelled training; 404 for anything else."""
    return get_object_or_404(
        Event.objects.for_members().select_related("room__facility", "site"), slug=slug
    )


def own_registrations(*, user, event):
    return (
        event.registrations.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("association")
    )


def own_registration(*, user, pk: int) -> Registration:
    """The person's own registration for a training (not cancelled); 404 for others."""
    return get_object_or_404(
        Registration.objects.select_related("event", "association").exclude(
            status=Registration.Status.CANCELLED
        ),
        pk=pk,
        user=user,
        event__audience=Event.Audience.MEMBERS,
    )


def certificate_registration(*, user, pk: int, now) -> Registration:
    """The person's registration with a certificate: attended, the training over."""
    return get_object_or_404(
        Registration.objects.select_related("event", "association"),
        pk=pk,
        user=user,
        status=Registration.Status.CONFIRMED,
        attended=True,
        event__audience=Event.Audience.MEMBERS,
        event__end__lt=now,
    )


def trainings_published_since(since, now) -> list[Event]:
    """Upcoming trainings published after `since` (the audit log's publication entries)."""
    published = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Event),
        object_id=OuterRef("pk"),
        action="event.published",
        at__gt=since,
    )
    return list(
        Event.objects.for_members()
        .filter(Exists(published), status=Event.Status.PUBLISHED, end__gte=now)
        .order_by("start", "pk")[:NEWS_LIMIT]
    )
