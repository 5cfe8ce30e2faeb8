"""The dashboard's event form groups the fields of each location, price and registration:
the fields of the options not chosen are ignored (they may be hidden, left filled in)."""

import re

import pytest

from events.models import Event
from tests.factories import SOON, make_house, make_room

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Kochabend",
    "summary": "",
    "description": "",
    "first_date": SOON.isoformat(),
    "start_time": "18:00",
    "end_time": "21:00",
    "audience": "everyone",
}
LEFTOVERS = {
    "room": "saal",
    "book_room": "on",
    "attendees": "viele",
    "site": "gibt-es-nicht",
    "address": "Nordmarkt 1",
    "online_url": "kein link",
    "price": "5 €",
    "registration_url": "javascript:alert(1)",
    "capacity": "-3",
}


def new_url(association):
    return f"/de/mein-verein/{association.slug}/veranstaltungen/neu/"


def saved(event):
    return {
        "location_kind": event.location_kind,
        "room": event.room,
        "booking": event.booking,
        "site": event.site,
        "address": event.address,
        "online_url": event.online_url,
        "is_free": event.is_free,
        "price": event.price,
        "registration": event.registration,
        "registration_url": event.registration_url,
        "capacity": event.capacity,
    }


def test_values_left_in_the_groups_not_chosen_are_neither_saved_nor_errors(
    client, association, editor
):
    make_room(make_house())
    client.force_login(editor)
    online = {
        **FORM, **LEFTOVERS, "location_kind": "online", "online_url": "https://meet.example.org/k",
        "is_free": "on", "registration": "none",
    }  # fmt: skip
    response = client.post(new_url(association), online)
    assert response.status_code == 302
    event = Event.objects.get()
    assert saved(event) == {
        "location_kind": "online", "room": None, "booking": None, "site": None, "address": "",
        "online_url": "https://meet.example.org/k", "is_free": True, "price": "",
        "registration": "none", "registration_url": "", "capacity": None,
    }  # fmt: skip

    # Edited to an address with registration here: the link and the old leftovers go.
    edited = {
        **FORM, **LEFTOVERS, "location_kind": "address", "online_url": "https://meet.example.org/k",
        "registration": "portal", "capacity": "12", "price": "3 €",
    }  # fmt: skip
    response = client.post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/bearbeiten/", edited
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert saved(event) == {
        "location_kind": "address", "room": None, "booking": None, "site": None,
        "address": "Nordmarkt 1", "online_url": "", "is_free": False, "price": "3 €",
        "registration": "portal", "registration_url": "", "capacity": 12,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"registration": "portal", "capacity": ""},
            {"capacity": ["Für die Anmeldung im Portal wird eine Anzahl von Plätzen benötigt."]},
        ),
        (
            {"registration": "external", "registration_url": ""},
            {"registration_url": ["Bitte geben Sie den Link zur Anmeldung an."]},
        ),
        (
            {"location_kind": "online", "online_url": ""},
            {"online_url": ["Bitte geben Sie den Online-Link an."]},
        ),
        (
            {"location_kind": "address", "address": ""},
            {"address": ["Bitte geben Sie die Adresse an."]},
        ),
        (
            {"is_free": "", "price": ""},
            {"price": ["Bitte geben Sie den Preis an oder wählen Sie „kostenlos“."]},
        ),
    ],
)
def test_the_chosen_option_needs_its_fields(client, association, editor, change, errors):
    client.force_login(editor)
    data = {
        **FORM, "location_kind": "address", "address": "Nordmarkt 1", "is_free": "on",
        "registration": "none", **change,
    }  # fmt: skip
    response = client.post(new_url(association), {k: v for k, v in data.items() if v != ""})
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert Event.objects.count() == 0


def test_every_group_is_in_the_page_with_its_legend_and_the_script_is_deferred(
    client, association, editor
):
    client.force_login(editor)
    page = client.get(new_url(association)).content.decode()
    groups = re.findall(
        r'<fieldset class="option-group" data-show-when="([^"]*)"( hidden)?><legend>([^<]+) '
        r'<span class="option-hint">([^<]+)</span>',
        page,
    )
    assert groups == [
        ("location_kind=room", "", "Raum im Haus der Vielfalt", "(nur für Veranstaltungen in einem Raum)"),
        ("location_kind=site", "", "Projektstandort", "(nur für Veranstaltungen an einem Projektstandort)"),
        ("location_kind=address", "", "Adresse", "(nur für Veranstaltungen an einer Adresse)"),
        ("location_kind=online", "", "Online", "(nur für Online-Veranstaltungen)"),
        ("is_free=", "", "Preis", "(nur wenn die Veranstaltung nicht kostenlos ist)"),
        ("registration=external", "", "Anmeldung auf einer anderen Website", "(nur für die Anmeldung auf einer anderen Website)"),
        ("registration=portal", "", "Anmeldung im Portal", "(nur für die Anmeldung hier im Portal)"),
    ]  # fmt: skip
    assert '<script src="/static/js/event-form.js" defer></script>' in page
