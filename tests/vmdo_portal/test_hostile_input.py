"""Every view, every query parameter and every date a form reads, with hostile values:
year 1, year 9999 (and the day after it), huge numbers, words, NUL and invalid UTF-8.
None may answer 500; forms refuse with a message and save nothing."""

from datetime import time, timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from events import services as event_services
from events.models import Event
from facilities import services as facility_services
from facilities.models import Booking, CalendarToken
from members import services as member_services
from members.models import Association, Membership, MembershipApplication
from tests.factories import AssociationFactory, UserFactory, make_house, make_room, member_of

OK = {200, 302, 400, 404}
SOON = timezone.localdate() + timedelta(days=10)
# Raw query-string values (percent-encoded as an attacker would send them).
HOSTILE = [
    "0001-01-01",
    "0001-01-02",
    "9999-12-31",
    "9999-12-30",
    "10000-01-01",
    "9999-12",
    "1-1",
    "0-0",
    "99999999999-1",
    "2026-99999999999",
    "99999999999",
    "-1",
    "0",
    "abc",
    "%00",
    "2026-01-01%00",
    "%ff",
    "%ff%fe",
    "2026-02-30",
    "23:99",
    "99999999999999999999:00",
]


@pytest.fixture
def world(db):
    """One of everything a view can show: room, association, member, event, booking, tokens."""
    room = make_room(make_house())
    association = AssociationFactory(name="Kulturbrücke", slug="kulturbruecke")
    admin = member_of(association, Membership.Role.ADMIN, email="vorstand@example.org")
    staff = UserFactory(is_staff=True, email="redaktion@example.org")
    [event] = event_services.event_create(
        by=staff,
        title="Sprachcafé",
        first_date=SOON,
        start_time=time(17),
        end_time=time(19),
        location_kind=Event.Location.ADDRESS,
        address="Nordmarkt, Dortmund",
        capacity=20,
        registration=Event.RegistrationMode.PORTAL,
        associations=[association],
    )
    event_services.event_publish(event=event, by=staff)
    registration = event_services.registration_create(
        event=event, name="Ada", email="ada@example.org"
    )
    series = facility_services.booking_request(
        room=room,
        association=association,
        requested_by=admin,
        title="Vorstand",
        attendees=5,
        first_date=SOON,
        start_time=time(18),
        end_time=time(20),
    )
    token = CalendarToken.objects.create(association=association)
    invitation = member_services.invitation_create(
        association=association, email="neu@example.org", role="editor", by=admin
    )
    return {
        "room": room,
        "association": association,
        "admin": admin,
        "event": event,
        "registration": registration,
        "booking": series.bookings.get(),
        "token": token,
        "invitation": invitation,
    }


EVENT_FILTERS = [
    "q", "date_from", "date_to", "category", "language", "organiser", "project", "location",
    "free", "open_registration",
]  # fmt: skip
# path (formatted with the world) → the query parameters the view reads
GET_PARAMETERS = {
    "/de/veranstaltungen/": ["seite", "archiv", "ansicht", *EVENT_FILTERS],
    "/de/veranstaltungen/?ansicht=monat": ["monat", *EVENT_FILTERS],
    "/de/veranstaltungen/?archiv=1": ["seite", "date_from", "date_to"],
    "/de/veranstaltungen/feed.ics": EVENT_FILTERS,
    "/de/vereine/": [
        "seite",
        "q",
        "field",
        "language",
        "district",
        "community",
        "founding_member",
        "sort",
    ],
    "/de/projekte/": ["seite", "kind", "status"],
    "/de/standorte/": ["seite", "service", "language", "district", "step_free", "open_now"],
    "/de/haus-der-vielfalt/raeume/{room.slug}/": ["woche"],
    "/de/mein-verein/{association.slug}/buchungen/neu/": ["woche", "raum"],
    "/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/anmeldungen/": ["export"],
    "/de/konto/meine-daten/": ["download"],
    "/de/netzwerk/rundschreiben/": ["seite"],
    "/verwaltung/login/": ["next"],
}


def _url(template, world):
    return template.format(**world)


@pytest.mark.parametrize(
    ("template", "parameter"),
    [(template, name) for template, names in GET_PARAMETERS.items() for name in names],
)
def test_query_parameters_never_crash(client, world, template, parameter):
    if not template.startswith("/verwaltung/"):
        client.force_login(world["admin"])
    url = _url(template, world)
    answers = {
        value: client.get(url + ("&" if "?" in url else "?") + f"{parameter}={value}").status_code
        for value in HOSTILE
    }
    assert {value: status for value, status in answers.items() if status not in OK} == {}


@pytest.mark.parametrize(
    "query",
    [
        "ansicht=monat&monat=9999-12",
        "ansicht=monat&monat=1-1",
        "ansicht=monat&monat=99999999999-1",
        "ansicht=monat&monat=0001-01",
        "ansicht=monat&monat=10000-01",
    ],
)
def test_month_view_at_the_ends_of_the_calendar_shows_a_month(client, world, query):
    response = client.get(f"/de/veranstaltungen/?{query}")
    assert response.status_code == 200
    first = response.context["month"]
    assert response.context["previous_month"] < first.strftime("%Y-%m")
    assert response.context["next_month"] > first.strftime("%Y-%m")


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "99999-01-01"])
def test_room_week_at_the_ends_of_the_calendar_shows_a_week(client, world, value):
    response = client.get(f"/de/haus-der-vielfalt/raeume/{world['room'].slug}/?woche={value}")
    assert response.status_code == 200
    assert response.context["previous_week"] < response.context["monday"]
    assert response.context["next_week"] > response.context["monday"]


# Every URL pattern and the values its path parameters get.
PATH_VALUES = {
    "str": ["%00", "%ff", "a%00b", "x" * 300],
    "int": ["0", "99999999999999999999", "2147483648"],
    "slug": ["x" * 300, "kulturbruecke%00"],
    "path": [],  # media: served by vmdo_portal.files, tested there
}


def _patterns(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _portal_routes():
    """The portal's own routes (the admin and allauth are Django's and allauth's)."""
    return [
        route
        for route in _patterns()
        if not route.startswith(("verwaltung/", "de/konto/")) or route.startswith("de/konto/meine")
    ] + ["de/konto/loeschen/"]


def _path_cases():
    import re

    cases = []
    for route in sorted(set(_portal_routes())):
        converters = re.findall(r"<(\w+):(\w+)>", route)
        for kind, _name in converters:
            for value in PATH_VALUES[kind]:
                path = route
                for other_kind, other_name in converters:
                    other = value if (other_kind, other_name) == (kind, _name) else None
                    path = path.replace(
                        f"<{other_kind}:{other_name}>",
                        other if other is not None else f"{{{other_name}}}",
                    )
                cases.append("/" + path)
    return cases


PATH_NAMES = {"slug": "{association.slug}", "event_id": "{event.pk}", "token": "{token.token}"}


def test_path_parameters_never_crash(client, world):
    client.force_login(world["admin"])
    ids = {
        "slug": world["association"].slug,
        "event_id": world["event"].pk,
        "booking_id": world["booking"].pk,
        "membership_id": Membership.objects.get(user=world["admin"]).pk,
        "token": world["token"].token,
        "pk": world["association"].pk,
        "language": "tr",
        "model": "members.association",
        "name": "x",
    }
    answers = {
        (method, path): getattr(client, method)(path.format(**ids)).status_code
        for path in _path_cases()
        for method in ("get", "post")
    }
    assert {case: status for case, status in answers.items() if status not in OK | {405, 410}} == {}


@pytest.mark.parametrize(
    "path",
    [
        "/kalender/buchungen/%00.ics",
        "/de/mein-verein/einladung/%00/",
        "/de/veranstaltungen/abmelden/%00/",
    ],
)
def test_nul_in_a_token_is_the_portals_not_found_page(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_nul_in_a_query_is_the_portals_bad_request_page(client, db):
    response = client.get("/de/veranstaltungen/?q=%00")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


# --- forms: a clear message, nothing saved ----------------------------------------------

DATES = ["0001-01-01", "9999-12-31", "10000-01-01", "99999999999", "abc", "2026-02-30", "%ff"]
TIMES = ["24:00", "23:99", "99999999999999999999:00", "abc", "%ff"]
SEPARATORS = {
    "CR": "\r",
    "LF": "\n",
    "CRLF": "\r\n",
    "NUL": "\x00",
    "VT": "\x0b",
    "LINE SEPARATOR": "\u2028",
    "NEL": "\x85",
}
CONTROL_MESSAGE = "keine Zeilenumbrüche oder Tabulatoren"
EVENT = {
    "title": "Lesung",
    "first_date": SOON.isoformat(),
    "start_time": "10:00",
    "end_time": "12:00",
    "location_kind": "address",
    "address": "Nordmarkt",
    "audience": "everyone",
    "registration": "none",
    "is_free": "on",
}
BOOKING = {
    "room": "saal",
    "title": "Probe",
    "attendees": "5",
    "first_date": SOON.isoformat(),
    "start_time": "10:00",
    "end_time": "12:00",
    "frequency": "once",
    "submit": "1",
}


def _posted(client, url, data):
    """POST as a browser sends a form: the values percent-encoded, as they are."""
    from urllib.parse import quote

    body = "&".join(
        f"{key}={value if value.startswith('%') else quote(value)}" for key, value in data.items()
    )
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def _form_cases(base, dates, times, texts, extra=()):
    cases = [({**base, field: value}, field) for field in dates for value in DATES]
    cases += [({**base, field: value}, field) for field in times for value in TIMES]
    cases += [
        ({**base, field: f"{base.get(field) or 'Text'}{separator}X-EVIL:1"}, field)
        for field in texts
        for separator in SEPARATORS.values()
    ]
    return cases + list(extra)


def _refused(client, url, cases, count):
    before = count()
    wrong = {}
    for data, field in cases:
        response = _posted(client, url, data)
        if response.status_code != 400 or count() != before:
            wrong[repr(data[field])] = (field, response.status_code)
        elif "\x00" not in data[field] and "%" not in data[field]:
            errors = response.context["form"].errors
            if field not in errors and "__all__" not in errors:
                wrong[repr(data[field])] = (field, dict(errors))
    return wrong


def test_sane_forms_go_through(client, world):
    client.force_login(world["admin"])
    slug = world["association"].slug
    assert _posted(client, f"/de/mein-verein/{slug}/veranstaltungen/neu/", EVENT).status_code == 302
    assert _posted(client, f"/de/mein-verein/{slug}/buchungen/neu/", BOOKING).status_code == 302


def test_event_form_refuses_hostile_dates_and_texts(client, world):
    client.force_login(world["admin"])
    url = f"/de/mein-verein/{world['association'].slug}/veranstaltungen/neu/"
    weekly = {**EVENT, "repeat": "weekly"}
    # A price counts only when the event is not free (else it is ignored, not refused).
    not_free = {**{k: v for k, v in EVENT.items() if k != "is_free"}, "price": "5 €"}
    cases = _form_cases(
        EVENT,
        dates=["first_date"],
        times=["start_time", "end_time"],
        texts=["title", "summary", "address"],
        extra=[({**weekly, "until_date": value}, "until_date") for value in DATES]
        + [({**EVENT, "all_day": "on", "first_date": value}, "first_date") for value in DATES]
        + [({**weekly, "count": "2", "left_out": value}, "left_out") for value in DATES[2:]]
        + _form_cases(not_free, dates=[], times=[], texts=["price"]),
    )
    assert _refused(client, url, cases, Event.objects.count) == {}


def test_event_edit_refuses_hostile_dates_and_texts(client, world):
    client.force_login(world["admin"])
    event = world["event"]
    url = f"/de/mein-verein/{world['association'].slug}/veranstaltungen/{event.pk}/bearbeiten/"
    cases = _form_cases(EVENT, dates=["first_date"], times=["start_time"], texts=["title"])
    before = (event.title, event.start, event.end)
    assert _refused(client, url, cases, Event.objects.count) == {}
    event.refresh_from_db()
    assert (event.title, event.start, event.end) == before


def test_booking_form_refuses_hostile_dates_and_texts(client, world):
    client.force_login(world["admin"])
    url = f"/de/mein-verein/{world['association'].slug}/buchungen/neu/"
    weekly = {**BOOKING, "frequency": "weekly"}
    cases = _form_cases(
        BOOKING,
        dates=["first_date"],
        times=["start_time", "end_time"],
        texts=["title"],
        extra=[({**weekly, "until_date": value}, "until_date") for value in DATES]
        + [({**BOOKING, "room": value}, "room") for value in ["%00", "%ff", "x" * 300]]
        + [({**BOOKING, "attendees": "99999999999999999999"}, "attendees")],
    )
    assert _refused(client, url, cases, Booking.objects.count) == {}


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_control_characters_are_refused_with_a_message(client, world, separator):
    from tests.members.test_public import APPLICATION

    response = _posted(
        client,
        "/de/mitglied-werden/",
        {**APPLICATION, "organisation_name": f"Gemeinde{separator}X-EVIL:1"},
    )
    assert response.status_code in (200, 400)
    assert MembershipApplication.objects.count() == 0
    if separator != "\x00":  # NUL never reaches a form: the request is refused before
        assert list(response.context["form"].errors) == ["organisation_name"]
        assert CONTROL_MESSAGE in response.content.decode()
    else:
        assert response.status_code == 400
    invitation = world["invitation"]
    response = _posted(
        client,
        f"/de/mein-verein/einladung/{invitation.token}/",
        {
            "name": f"Neu{separator}X",
            "password1": "lang-und-sicher-42",
            "password2": "lang-und-sicher-42",
        },
    )
    assert response.status_code == 400
    assert Association.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.fixture
def staff_client(client, staff_with_totp):
    from tests.factories import login_with_totp

    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/verwaltung/events/event/",
        "/verwaltung/facilities/booking/",
        "/verwaltung/members/association/",
        "/verwaltung/members/membershipapplication/",
    ],
)
def test_admin_lists_never_crash(staff_client, world, path):
    """The admin's date hierarchy, paging, ordering and search with hostile values."""
    answers = {}
    for parameter in ["start__year", "start__month", "start__day", "p", "o", "q", "e"]:
        for value in HOSTILE:
            year = "start__year=9999&start__month=12&" if parameter == "start__day" else ""
            answers[parameter, value] = staff_client.get(f"{path}?{year}{parameter}={value}")
    assert {case: r.status_code for case, r in answers.items() if r.status_code not in OK} == {}
    if path.endswith(("/event/", "/booking/")):  # their lists have a date hierarchy
        last_day = staff_client.get(f"{path}?start__year=9999&start__month=12&start__day=31")
        assert (last_day.status_code, last_day["Location"]) == (302, f"{path}?e=1")


@pytest.mark.parametrize(
    ("path", "parameters"),
    [
        ("/verwaltung/facilities/room/auslastung/", ["jahr", "monat"]),
        ("/verwaltung/facilities/booking/zeitplan/", ["datum", "ansicht"]),
    ],
)
def test_back_office_pages_of_their_own_never_crash(staff_client, world, path, parameters):
    """The utilisation report and the timeline read dates from the address too."""
    answers = {}
    for parameter in parameters:
        for value in HOSTILE:
            answers[parameter, value] = staff_client.get(f"{path}?{parameter}={value}")
    for year in ["9999", "99999999999999999999", "0", "-1"]:
        answers["jahr", year, "monat", "12"] = staff_client.get(f"{path}?jahr={year}&monat=12")
    assert {case: r.status_code for case, r in answers.items() if r.status_code not in OK} == {}
