"""One table: every association-scoped URL × every role → the status that role gets.

Association-scoped URLs are the dashboard's `/de/mein-verein/<slug>/…` pages and actions
(profile, people, invitations, bookings, events, attendee lists and their exports).
Anybody without a right to the association gets 404 (they don't learn it exists);
anonymous visitors are sent to the login; a member whose role doesn't allow the act gets
403. Staff act only with the permissions of the act (through their group) and with their
second factor used in this session. A URL added to the URLconf under
`mein-verein/<slug:slug>/` fails `test_every_association_scoped_url_is_in_the_table` until
it gets its row here.
"""

from datetime import timedelta

import pytest
from django.urls import URLResolver, get_resolver

from events.models import Registration
from members.models import Membership
from tests.conftest import STAFF_ROLES
from tests.factories import (
    NEXT_MONDAY,
    AssociationFactory,
    UserFactory,
    ask,
    make_event,
    make_house,
    make_room,
    member_of,
)
from vmdo_portal.staff_groups import RAUMVERWALTUNG, REDAKTION

pytestmark = pytest.mark.django_db

SCOPE = "mein-verein/<slug:slug>/"
ROLES = ["anonymous", "stranger", "editor", "association_admin", *STAFF_ROLES]
NOBODY = dict.fromkeys(["stranger", *STAFF_ROLES], 404) | {"anonymous": 302}


def allowed(status, *, editor=None):
    """Members and staff with the permission and their second factor get `status`
    (the editor `editor` if their role does not allow it); everybody else is a stranger."""
    return NOBODY | {
        "editor": status if editor is None else editor,
        "association_admin": status,
        "staff_with_permission": status,
    }


# (route in the URLconf, method, the request's path below /de/mein-verein/<slug>/ and its
# data, the staff group whose permissions the act needs, status by role)
TABLE = [
    ("", "get", "", {}, REDAKTION, allowed(200)),
    ("profil/", "get", "profil/", {}, REDAKTION, allowed(200)),
    ("personen/", "get", "personen/", {}, REDAKTION, allowed(200, editor=403)),
    (
        "personen/",
        "post",
        "personen/",
        {"email": "neu@example.org", "role": "admin", "language": "de"},
        REDAKTION,
        allowed(302, editor=403),
    ),
    (
        "personen/<int:membership_id>/entfernen/",
        "post",
        "personen/{membership}/entfernen/",
        {},
        REDAKTION,
        allowed(302, editor=403),
    ),
    ("buchungen/", "get", "buchungen/", {}, RAUMVERWALTUNG, allowed(200)),
    ("buchungen/neu/", "get", "buchungen/neu/", {}, RAUMVERWALTUNG, allowed(200)),
    ("buchungen/kalender/", "post", "buchungen/kalender/", {}, RAUMVERWALTUNG, allowed(302)),
    (
        "buchungen/<int:booking_id>/zurueckziehen/",
        "post",
        "buchungen/{booking}/zurueckziehen/",
        {},
        RAUMVERWALTUNG,
        allowed(302),
    ),
    (
        "buchungen/<int:booking_id>/absagen/",
        "post",
        "buchungen/{booking}/absagen/",
        {},
        RAUMVERWALTUNG,
        allowed(302),
    ),
    (
        "buchungen/<int:booking_id>/aendern/",
        "post",
        "buchungen/{booking}/aendern/",
        {"start_time": "19:00", "end_time": "21:00"},
        RAUMVERWALTUNG,
        allowed(302),
    ),
    ("veranstaltungen/", "get", "veranstaltungen/", {}, REDAKTION, allowed(200)),
    ("veranstaltungen/neu/", "get", "veranstaltungen/neu/", {}, REDAKTION, allowed(200)),
    (
        "veranstaltungen/<int:event_id>/bearbeiten/",
        "get",
        "veranstaltungen/{draft}/bearbeiten/",
        {},
        REDAKTION,
        allowed(200),
    ),
    (
        "veranstaltungen/<int:event_id>/einreichen/",
        "post",
        "veranstaltungen/{draft}/einreichen/",
        {},
        REDAKTION,
        allowed(302),
    ),
    *(
        (
            "veranstaltungen/<int:event_id>/anmeldungen/",
            "get",
            "veranstaltungen/{published}/anmeldungen/",
            {"export": export} if export else {},
            REDAKTION,
            allowed(200),
        )
        for export in (None, "csv", "xlsx")
    ),
]


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_every_association_scoped_url_is_in_the_table():
    scoped = {
        route.split(SCOPE, 1)[1] for route in _routes(get_resolver().url_patterns) if SCOPE in route
    }
    assert scoped == {row[0] for row in TABLE}


@pytest.fixture
def world(client, sign_in_as_staff):
    association = AssociationFactory(name="Brückenbauer e.V.")
    editor = member_of(association, Membership.Role.EDITOR, email="editor@example.org")
    users = {
        "stranger": member_of(
            AssociationFactory(name="Anderer Verein e.V."),
            Membership.Role.ADMIN,
            email="fremd@example.org",
        ),
        "editor": editor,
        "association_admin": member_of(
            association, Membership.Role.ADMIN, email="vorstand@example.org"
        ),
    }
    # A week after next: far from any cancellation cut-off.
    booking = ask(
        make_room(make_house()),
        association=association,
        booker=editor,
        first_date=NEXT_MONDAY + timedelta(days=7),
    ).bookings.get()
    office = UserFactory(is_staff=True, email="redaktion@example.org")
    draft = make_event(by=editor, publish=False, associations=[association])
    published = make_event(
        by=office, title="Kochabend", associations=[association], registration="portal", capacity=3
    )
    Registration.objects.create(event=published, name="Ada", email="ada@example.org")
    ids = {
        "membership": Membership.objects.get(user=editor).pk,
        "booking": booking.pk,
        "draft": draft.pk,
        "published": published.pk,
    }

    def as_role(role, group):
        if role in users:
            client.force_login(users[role])
        elif role in STAFF_ROLES:
            sign_in_as_staff(role, group)
        return client

    return association, ids, as_role


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "data", "group", "expected"),
    [row[1:] for row in TABLE],
    ids=[
        f"{row[1]} {row[2]}{'?' + row[3]['export'] if 'export' in row[3] else ''}" for row in TABLE
    ],
)
def test_permission_matrix(world, role, method, path, data, group, expected):
    association, ids, as_role = world
    url = f"/de/mein-verein/{association.slug}/{path.format(**ids)}"
    response = getattr(as_role(role, group), method)(url, data)
    assert response.status_code == expected[role]
    if role == "anonymous":
        assert response.headers["Location"].startswith("/de/konto/login/?next=")
