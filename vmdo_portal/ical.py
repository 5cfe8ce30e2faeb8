"""iCalendar (RFC 5545) output: TZID Europe/Berlin with a VTIMEZONE, stable UIDs.

Used for room busy times, associations' private booking feeds and the event calendar.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


def calendar_body(*, name: str, events: list[dict]) -> bytes:
    """events: dicts with uid, start, end, summary; optional all_day, description,
    status, location, url. All-day events get DATE values with an exclusive DTEND."""
    calendar = Calendar()
    calendar.add("prodid", "-//VMDO e.V.//VMDO Portal//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        start, end = item["start"].astimezone(zone), item["end"].astimezone(zone)
        if item.get("all_day"):
            last_day = (end - timedelta(seconds=1)).date()
            event.add("dtstart", start.date())
            event.add("dtend", last_day + timedelta(days=1))
        else:
            event.add("dtstart", start)
            event.add("dtend", end)
        event.add("summary", item["summary"])
        for key in ("description", "location", "status", "url"):
            if item.get(key):
                event.add(key, item[key])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def uid(kind: str, pk: int) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"{kind}-{pk}@{host}"


def response(body: bytes, filename: str) -> HttpResponse:
    result = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    return result
