"""Names and titles with line breaks or control characters: refused by the forms, and rows
that already hold them (saved before the check) still give feeds that parse and carry no
property an outsider wrote."""

import xml.etree.ElementTree as ET
from datetime import time

import icalendar
import pytest
import vobject

from events import services as event_services
from events.models import Event
from facilities import services as facility_services
from facilities.models import BookingSeries, CalendarToken, Room
from members.models import Association, Membership
from tests.factories import SOON, AssociationFactory, UserFactory, make_house, make_room, member_of

# NUL is left out here: PostgreSQL cannot store it, so no row holds it (the forms refuse it).
BREAKS = {
    "CR": "\r",
    "LF": "\n",
    "CRLF": "\r\n",
    "VT": "\x0b",
    "LINE SEPARATOR": "\u2028",
    "NEL": "\x85",
}
INJECTED = "X-EVIL:1"


def hostile(text, separator):
    return f"{text}{separator}{INJECTED}"


def flat(text):
    """What the feed keeps of it: one line."""
    return f"{text} {INJECTED}"


@pytest.fixture
def rows(db):
    """A public event, a room and an association's booking, named before the check."""
    room = make_room(make_house())
    association = AssociationFactory(name="Kulturbrücke")
    editor = member_of(association, Membership.Role.EDITOR, email="vorstand@example.org")
    staff = UserFactory(is_staff=True, is_superuser=True, email="redaktion@example.org")
    [event] = event_services.event_create(
        by=staff,
        title="Chor",
        summary="Singen",
        first_date=SOON,
        start_time=time(17),
        end_time=time(19),
        location_kind=Event.Location.ADDRESS,
        address="Nordmarkt",
    )
    event_services.event_publish(event=event, by=staff)
    series = facility_services.booking_request(
        room=room,
        association=association,
        requested_by=editor,
        title="Vorstand",
        attendees=5,
        first_date=SOON,
        start_time=time(18),
        end_time=time(20),
    )
    facility_services.booking_approve(booking=series.bookings.get(), by=staff)
    token = CalendarToken.objects.create(association=association)
    return {"room": room, "association": association, "event": event, "token": token}


def _set(rows, separator):
    Event.objects.filter(pk=rows["event"].pk).update(
        title=hostile("Chor", separator),
        title_de=hostile("Chor", separator),
        summary=hostile("Singen", separator),
        summary_de=hostile("Singen", separator),
        address=hostile("Nordmarkt", separator),
    )
    Room.objects.filter(pk=rows["room"].pk).update(name=hostile("Saal", separator))
    Association.objects.filter(pk=rows["association"].pk).update(
        name=hostile("Kulturbrücke", separator)
    )
    BookingSeries.objects.update(title=hostile("Vorstand", separator))


def _parsed(content):
    """The calendar by icalendar and by vobject, and every property name in it."""
    by_icalendar = icalendar.Calendar.from_ical(content)
    by_vobject = vobject.readOne(content.decode())
    unfolded = content.decode().replace("\r\n ", "").split("\r\n")
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in unfolded if line}
    return by_icalendar, by_vobject, names


CALENDAR_PROPERTIES = {
    *("BEGIN", "END", "PRODID", "VERSION", "CALSCALE", "X-WR-CALNAME", "X-WR-TIMEZONE")
}
EVENT_PROPERTIES = {"SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID"}
TIMEZONE_PROPERTIES = {"TZID", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "RRULE", "RDATE", "COMMENT"}


@pytest.mark.parametrize("separator", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize(
    ("feed", "calendar_name", "summary", "optional"),
    [
        (
            "/de/veranstaltungen/{event.slug}/kalender.ics",
            flat("Chor"),
            "Chor",
            {"DESCRIPTION", "LOCATION", "STATUS", "URL"},
        ),
        (
            "/de/veranstaltungen/feed.ics",
            "VMDO – Veranstaltungen",
            "Chor",
            {"DESCRIPTION", "LOCATION", "STATUS", "URL"},
        ),
        (
            "/de/haus-der-vielfalt/raeume/saal/belegung.ics",
            flat("Saal") + " – Haus der Vielfalt",
            "Saal",
            set(),
        ),
        (
            "/kalender/buchungen/{token.token}.ics",
            flat("Kulturbrücke"),
            "Vorstand",
            {"LOCATION", "STATUS"},
        ),
    ],
)
def test_feeds_escape_every_text(client, rows, separator, feed, calendar_name, summary, optional):
    _set(rows, separator)
    response = client.get(feed.format(**rows))
    assert response.status_code == 200
    by_icalendar, by_vobject, names = _parsed(response.content)
    assert INJECTED.split(":")[0] not in names
    assert names <= CALENDAR_PROPERTIES | EVENT_PROPERTIES | TIMEZONE_PROPERTIES | optional
    assert str(by_icalendar["X-WR-CALNAME"]) == calendar_name
    assert by_vobject.x_wr_calname.value == calendar_name
    [event] = by_icalendar.walk("VEVENT")
    text = "\n" if separator not in ("\x00",) else ""
    expected_summary = (
        f"{summary}{text}{INJECTED}"
        if "Haus" not in calendar_name
        else f"{summary}{text}{INJECTED}: belegt"
    )
    assert str(event["SUMMARY"]) == expected_summary
    assert by_vobject.vevent.summary.value == expected_summary
    assert "\r" not in str(event["SUMMARY"])


@pytest.mark.parametrize("separator", BREAKS.values(), ids=BREAKS.keys())
def test_atom_feed_survives_control_characters(client, rows, separator):
    _set(rows, separator)
    response = client.get("/de/veranstaltungen/feed.atom")
    assert response.status_code == 200
    atom = "{http://www.w3.org/2005/Atom}"
    [entry] = ET.fromstring(response.content).findall(f"{atom}entry")  # noqa: S314 (our own feed)
    assert entry.find(f"{atom}title").text == flat("Chor")
    assert entry.find(f"{atom}summary").text == f"Singen\n{INJECTED}"


@pytest.mark.parametrize("separator", ["\r", "\n", "\u2028"], ids=["CR", "LF", "LINE SEPARATOR"])
def test_admin_refuses_control_characters_in_names(client, rows, staff_with_totp, separator):
    from tests.factories import login_with_totp

    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    room = rows["room"]
    url = f"/verwaltung/facilities/room/{room.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, (list, dict))
    }
    response = client.post(url, {**data, "name": hostile("Saal", separator)})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        "Bitte verwenden Sie nur Buchstaben, Ziffern und Satzzeichen "
        "(keine Zeilenumbrüche oder Tabulatoren)."
    ]
    room.refresh_from_db()
    assert room.name == "Saal"
