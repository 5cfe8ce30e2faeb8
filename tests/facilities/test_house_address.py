"""The house's name and address come from its facility record, wherever they show."""

import icalendar
import pytest

from events.models import Event
from tests.factories import UserFactory, make_event, make_house, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room_event():
    room = make_room(make_house())
    staff = UserFactory(is_staff=True, email="redaktion@example.org")
    return make_event(
        by=staff, location_kind=Event.Location.ROOM, room=room, address="", title="Sprachcafé"
    )


def places(client, event) -> dict:
    listed = client.get("/de/veranstaltungen/").content.decode()
    detail = client.get(event.get_absolute_url()).content.decode()
    [entry] = icalendar.Calendar.from_ical(
        client.get(f"{event.get_absolute_url()}kalender.ics").content
    ).walk("VEVENT")
    return {
        "list": "<bdi>Saal</bdi>, <bdi>Haus am Markt</bdi>, <bdi>Markt 1, 44137 Dortmund</bdi>"
        in listed,
        "detail": "<bdi>Haus am Markt</bdi>, <bdi>Markt 1, 44137 Dortmund</bdi>" in detail,
        "footer": "<bdi>Haus am Markt</bdi></strong><br>\n        <bdi>Markt 1</bdi><br>"
        "<bdi>44137 Dortmund</bdi><br>" in detail,
        "ical": str(entry["LOCATION"]),
    }


def test_renaming_and_moving_the_house_changes_where_events_are(client, room_event):
    assert places(client, room_event) == {
        "list": False,
        "detail": False,
        "footer": False,
        "ical": "Saal, Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund",
    }
    house = room_event.room.facility
    house.name, house.street, house.postal_code = "Haus am Markt", "Markt 1", "44137"
    house.save()
    assert places(client, room_event) == {
        "list": True,
        "detail": True,
        "footer": True,
        "ical": "Saal, Haus am Markt, Markt 1, 44137 Dortmund",
    }


def test_the_footer_shows_the_house_from_its_record(client):
    make_house()
    html = client.get("/de/").content.decode()
    assert (
        "<strong><bdi>VMDO e.V.</bdi> – <bdi>Haus der Vielfalt</bdi></strong><br>\n"
        "        <bdi>Zur Vielfalt 21</bdi><br><bdi>44147 Dortmund</bdi><br>"
    ) in html
