"""The house's name and address come from its facility record, wherever they show."""

from io import StringIO

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command

from events.models import Event
from facilities import services
from members import services as members
from members.models import Membership
from tests.factories import (
    AssociationFactory,
    UserFactory,
    ask,
    make_event,
    make_house,
    make_room,
    member_of,
    open_every_day,
    tomorrow,
)

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


# --- emails ------------------------------------------------------------------------


def signature(message) -> str:
    """An email's last line: who sends it, from which house."""
    return message.body.rstrip("\n").splitlines()[-1]


def test_booking_emails_sign_with_the_rooms_house_as_it_is_when_they_are_sent(
    django_capture_on_commit_callbacks,
):
    make_house()  # the main facility
    north = make_house(name="Nordhaus", slug="nordhaus", street="Nordstraße 5", postal_code="44145")
    room = open_every_day(make_room(north))
    association = AssociationFactory()
    booker = member_of(association, Membership.Role.EDITOR, email="buchung@example.org")
    staff = UserFactory(is_staff=True, email="raum@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        series = ask(room, association=association, booker=booker, first_date=tomorrow())
        services.booking_approve(booking=series.bookings.get(), by=staff)
    north.name = "Zentrum am Hafen"
    north.save()
    call_command("send_booking_reminders", stdout=StringIO())
    assert [(m.subject, signature(m)) for m in mail.outbox if m.to == [booker.email]] == [
        ("[VMDO] Raumbuchung bestätigt: Vereinstreffen", "VMDO e.V. – Nordhaus"),
        ("[VMDO] Erinnerung: Vereinstreffen morgen", "VMDO e.V. – Zentrum am Hafen"),
    ]


def test_members_emails_sign_with_the_main_house_as_it_is_when_they_are_sent(
    client, django_capture_on_commit_callbacks
):
    house = make_house()
    assert signature(apply_for_membership(client, django_capture_on_commit_callbacks)) == (
        "VMDO e.V. – Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund"
    )
    house.name, house.street, house.postal_code = "Haus am Markt", "Markt 1", "44137"
    house.save()
    mail.outbox.clear()
    assert signature(apply_for_membership(client, django_capture_on_commit_callbacks)) == (
        "VMDO e.V. – Haus am Markt, Markt 1, 44137 Dortmund"
    )
    admin = member_of(AssociationFactory(), Membership.Role.ADMIN, email="admin@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        members.invitation_create(
            association=admin.memberships.get().association,
            email="neu@example.org",
            role=Membership.Role.EDITOR,
            by=admin,
        )
    assert signature(mail.outbox[-1]) == "VMDO e.V. – Haus am Markt"


def test_without_a_house_emails_sign_with_the_organisation_alone(
    client, django_capture_on_commit_callbacks
):
    assert signature(apply_for_membership(client, django_capture_on_commit_callbacks)) == (
        "VMDO e.V."
    )


def apply_for_membership(client, django_capture_on_commit_callbacks):
    """The membership application form, sent; returns the applicant's confirmation."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/de/mitglied-werden/",
            {
                "organisation_name": "Eritreische Gemeinde",
                "legal_form": "ev",
                "district": "innenstadt-nord",
                "address": "Münsterstraße 1, 44145 Dortmund",
                "member_count": "40",
                "description": "Wir treffen uns jeden Sonntag.",
                "contact_name": "Selam Beispiel",
                "email": "selam@example.org",
                "consent": "on",
            },
        )
    [confirmation] = [m for m in mail.outbox if m.to == ["selam@example.org"]]
    return confirmation
