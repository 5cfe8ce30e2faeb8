"""iCalendar (RFC 5545) output: TZID Europe/Berlin with a VTIMEZONE, stable UIDs."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from facilities import rules


def calendar_response_body(*, name: str, events: list[dict]) -> bytes:
    """events: dicts with uid, start, end, summary, and optional description/status/location."""
    calendar = Calendar()
    calendar.add("prodid", "-//VMDO e.V.//VMDO Portal//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    zone = rules.berlin()
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        event.add("dtstart", item["start"].astimezone(zone))
        event.add("dtend", item["end"].astimezone(zone))
        event.add("summary", item["summary"])
        for key in ("description", "location", "status"):
            if item.get(key):
                event.add(key, item[key])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def uid(kind: str, pk: int) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"{kind}-{pk}@{host}"
