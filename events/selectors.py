"""Read queries of the calendar for views (writes are in services.py)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from events.calendar_data import PLACE_RELATED
from events.models import Event


def public_event(slug: str) -> Event:
    """A published or cancelled event with everything its page shows; 404 for others."""
    return get_object_or_404(
        Event.objects.public()
        .select_related(*PLACE_RELATED, "booking")
        .prefetch_related(
            "categories", "languages", "organiser_associations", "organiser_projects"
        ),
        slug=slug,
    )


def event_form_initial(event: Event) -> dict:
    """The dashboard's event form filled with the event as it is, in local time."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    return {
        "title": event.title,
        "summary": event.summary,
        "description": event.description,
        "first_date": start.date(),
        "all_day": event.all_day,
        "start_time": start.time(),
        "end_time": end.time(),
        "location_kind": event.location_kind,
        "room": event.room.slug if event.room else None,
        "site": event.site.slug if event.site else None,
        "address": event.address,
        "online_url": event.online_url,
        "categories": [c.slug for c in event.categories.all()],
        "languages": [e.code for e in event.languages.all()],
        "audience": event.audience,
        "is_free": event.is_free,
        "price": event.price,
        "registration": event.registration,
        "registration_url": event.registration_url,
        "capacity": event.capacity,
    }
