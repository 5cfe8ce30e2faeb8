"""An event's time and place as the reader's language writes them (emails and pages)."""

from datetime import timedelta

from django import template
from django.utils.translation import gettext

from events.calendar_data import location_text
from events.models import Event
from vmdo_portal import l10n

register = template.Library()


@register.filter
def event_when(event) -> str:
    """Start and end per CLDR: "Freitag, 11. Dezember 2026, 19:00–21:00"; an all-day
    event its day, or its first and last day (its end is the next midnight, exclusive)."""
    if event.all_day:
        first = l10n.local(event.start).date()
        last = (l10n.local(event.end) - timedelta(microseconds=1)).date()
        if last > first:
            return l10n.format_date_range(first, last, "yMMMMEEEEd")
    return l10n.format_when(event.start, event.end, event.all_day)


@register.filter
def event_place(event) -> str:
    """The room with its house and address, the site with its address, the address, or
    "online"."""
    if event.location_kind == Event.Location.ONLINE:
        return gettext("online")
    return location_text(event)
