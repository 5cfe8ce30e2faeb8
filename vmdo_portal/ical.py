"""iCalendar (RFC 5545) output: TZID Europe/Berlin with a VTIMEZONE, stable UIDs.

Used for room busy times, associations' private booking feeds and the event calendar.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Timezone, vText
from icalendar.parser import Contentline

from vmdo_portal.text import feed_text, one_line

_END = b"END:VCALENDAR\r\n"
_OPTIONAL_TEXT = (("DESCRIPTION", "description"), ("LOCATION", "location"), ("STATUS", "status"))


def new_calendar(name: str) -> Calendar:
    """The portal's calendar properties, without events. The name goes on one line:
    icalendar writes X- properties as they are, so a CR in it would start a property."""
    calendar = Calendar()
    calendar.add("prodid", "-//VMDO e.V.//VMDO Portal//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def calendar_body(*, name: str, events: list[dict], method: str = "") -> bytes:
    """events: dicts with uid, start, end, summary; optional all_day, description,
    status, location, url. All-day events get DATE values with an exclusive DTEND.
    `method` ("PUBLISH") for a file sent by email (RFC 5546); feeds have none.

    The calendar's properties and the VTIMEZONE come from icalendar; each VEVENT is
    written here line by line (building an icalendar component per event took nine
    tenths of a long feed's time). tests/vmdo_portal/test_ical.py checks the bytes
    against icalendar's own serialisation.
    """
    calendar = new_calendar(name)
    if method:
        calendar.add("method", method)
    frame = calendar.to_ical()
    tzid = settings.TIME_ZONE
    zone = ZoneInfo(tzid)
    stamp = timezone.now().astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")
    lines = []
    timed = False
    for item in events:
        start, end = item["start"].astimezone(zone), item["end"].astimezone(zone)
        if item.get("all_day"):
            last_day = (end - timedelta(seconds=1)).date()
            dtstart = f"DTSTART;VALUE=DATE:{start:%Y%m%d}"
            dtend = f"DTEND;VALUE=DATE:{last_day + timedelta(days=1):%Y%m%d}"
        else:
            timed = True
            dtstart = f"DTSTART;TZID={tzid}:{start:%Y%m%dT%H%M%S}"
            dtend = f"DTEND;TZID={tzid}:{end:%Y%m%dT%H%M%S}"
        lines += (
            "BEGIN:VEVENT",
            _fold(f"SUMMARY:{_text(item['summary'])}"),
            dtstart,
            dtend,
            f"DTSTAMP:{stamp}",
            _fold(f"UID:{_text(item['uid'])}"),
        )
        for prop, key in _OPTIONAL_TEXT:
            if item.get(key):
                lines.append(_fold(f"{prop}:{_text(item[key])}"))
        if item.get("url"):
            lines.append(_fold(f"URL:{item['url']}"))
        lines.append("END:VEVENT")
    parts = [frame.removesuffix(_END)]
    if timed:
        parts.append(Timezone.from_tzid(tzid).to_ical())
    if lines:
        parts.append("\r\n".join(lines).encode() + b"\r\n")
    parts.append(_END)
    return b"".join(parts)


def _text(value: str) -> str:
    """TEXT escaping of RFC 5545, by icalendar, of the text without control characters
    (a lone CR or a NUL from an old row would otherwise reach the feed raw)."""
    return vText(feed_text(value)).to_ical().decode()


def _fold(line: str) -> str:
    """Lines under 75 octets as they are; longer ones folded by icalendar."""
    if len(line) < 75 and len(line.encode()) < 75:
        return line
    return Contentline(line).to_ical().decode()


def uid(kind: str, pk: int) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"{kind}-{pk}@{host}"


def response(body: bytes, filename: str) -> HttpResponse:
    result = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    return result
