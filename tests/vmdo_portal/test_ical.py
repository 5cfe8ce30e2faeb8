"""vmdo_portal.ical writes each event itself: the bytes must be icalendar's own."""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.conf import settings
from django.utils import timezone
from icalendar import Event

from vmdo_portal import ical


def reference_body(*, name: str, events: list[dict]) -> bytes:
    """The same calendar built and serialised by icalendar component by component."""
    calendar = ical.new_calendar(name)
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


BERLIN_SUMMER = datetime(2027, 3, 28, 0, 30, tzinfo=UTC)  # the night clocks go forward
HARD_ENTRIES = [
    {
        "uid": "event-1@127.0.0.1",
        "start": BERLIN_SUMMER,
        "end": BERLIN_SUMMER + timedelta(hours=3, seconds=7),
        "summary": "Chor; Probe, offen \\ mit Zeilen\r\nund\rnoch\neiner \\N",
        "description": "ä" * 36 + "\\" + "x" * 80 + "€" * 30 + "^" + "😀" * 20,
        "location": "Raum, Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund",
        "status": "CONFIRMED",
        "url": "http://127.0.0.1/de/veranstaltungen/" + "lang-" * 20 + "/",
    },
    {
        "uid": "event-2@127.0.0.1",
        "start": datetime(2026, 12, 31, 23, tzinfo=UTC),
        "end": datetime(2027, 1, 2, 23, tzinfo=UTC),
        "all_day": True,
        "summary": "Silvester bis Neujahr",
        "description": "",
        "location": "",
        "status": "CANCELLED",
        "url": "",
    },
    {
        "uid": "event-3@127.0.0.1",
        "start": datetime(2026, 10, 25, 0, 59, tzinfo=UTC),
        "end": datetime(2026, 10, 25, 1, 1, tzinfo=UTC),
        "summary": "x" * 66 + "\\,",
    },
]


def without_stamps(body):
    return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:", body)


@pytest.mark.parametrize(
    "entries",
    [HARD_ENTRIES, HARD_ENTRIES[1:2], []],
    ids=["timed-and-all-day", "all-day-only", "empty"],
)
def test_writer_gives_the_same_bytes_as_icalendar(entries):
    ours = ical.calendar_body(name="VMDO – Veranstaltungen; Test", events=entries)
    theirs = reference_body(name="VMDO – Veranstaltungen; Test", events=entries)
    assert without_stamps(ours) == without_stamps(theirs)
    assert max(len(line) for line in ours.split(b"\r\n")) <= 75
    parsed = icalendar.Calendar.from_ical(ours)
    assert [str(e["SUMMARY"]) for e in parsed.walk("VEVENT")] == [
        e["summary"].replace("\r\n", "\n").replace("\r", "\n").replace("\\N", "\n") for e in entries
    ]
    assert len(vobject.readOne(ours.decode()).contents.get("vevent", [])) == len(entries)


def test_writer_keeps_local_times_and_exclusive_all_day_ends():
    parsed = icalendar.Calendar.from_ical(ical.calendar_body(name="x", events=HARD_ENTRIES))
    timed, all_day, _short = parsed.walk("VEVENT")
    assert (timed["DTSTART"].to_ical(), timed["DTEND"].to_ical()) == (
        b"20270328T013000", b"20270328T053007",
    )  # fmt: skip
    assert timed["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert (all_day["DTSTART"].dt, all_day["DTEND"].dt) == (date(2027, 1, 1), date(2027, 1, 3))
    assert timed["DTSTART"].dt.time() == time(1, 30)
