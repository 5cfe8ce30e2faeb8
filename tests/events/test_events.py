"""The public calendar: series, feeds, filters, registrations and the waiting list."""

import json
import re
import threading
from datetime import UTC, date, time, timedelta
from io import StringIO

import icalendar
import pytest
import vobject
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from events import services
from events.models import Category, Event, Registration
from members.models import Membership
from tests.conftest import STAFF_ROLES
from tests.factories import SOON, AssociationFactory, member_of
from vmdo_portal.services import Refused
from vmdo_portal.staff_groups import REDAKTION

pytestmark = pytest.mark.django_db


# --- series and time ---------------------------------------------------------------


def last_sunday(year, month):
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_weekly_series_keeps_local_time_across_both_dst_changes():
    year = date.today().year + 1
    spring, autumn = last_sunday(year, 3), last_sunday(year, 10)
    first = spring - timedelta(days=12)  # a Tuesday, two weeks before the spring change
    events = services.event_create(
        by=None, title="Sprachcafé", first_date=first, start_time=time(19), end_time=time(21),
        location_kind="address", address="Nordmarkt",
        series={"frequency": "weekly", "until_date": autumn + timedelta(days=9)},
    )  # fmt: skip
    zone = timezone.get_current_timezone()
    assert {event.start.astimezone(zone).time() for event in events} == {time(19)}
    by_day = {
        event.start.astimezone(zone).date(): event.start.astimezone(UTC).hour for event in events
    }
    assert (by_day[spring - timedelta(days=5)], by_day[spring + timedelta(days=2)]) == (18, 17)
    assert (by_day[autumn - timedelta(days=5)], by_day[autumn + timedelta(days=2)]) == (17, 18)


def test_monthly_series_on_the_same_weekday_with_a_left_out_date():
    first = date.today() + timedelta(days=30)
    first = first - timedelta(days=first.weekday())  # a Monday
    events = services.event_create(
        by=None, title="Sprechstunde", first_date=first, start_time=time(16), end_time=time(17),
        location_kind="address", address="Büro",
        series={"frequency": "monthly", "count": 4, "exceptions": []},
    )  # fmt: skip
    position = (first.day - 1) // 7
    for event in events:
        day = timezone.localtime(event.start).date()
        assert (day.weekday(), (day.day - 1) // 7) == (0, position)
    assert len({e.slug for e in events}) == 4
    assert len({e.series_id for e in events}) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start_time": time(19), "end_time": time(17)}, "Das Ende muss nach dem Beginn liegen."),
        (
            {"first_date": date.today() - timedelta(days=1)},
            "Neue Veranstaltungen können nicht in der Vergangenheit beginnen.",
        ),
        (
            {"series": {"frequency": "weekly", "until_date": date.today() + timedelta(days=3650)}},
            "Eine Serie darf höchstens 60 Termine haben.",
        ),
        (
            {"registration": "portal", "capacity": None},
            "Für die Anmeldung im Portal wird eine Anzahl von Plätzen benötigt.",
        ),
    ],
)
def test_bad_events_are_refused_and_store_nothing(make_event, fields, message):
    from django.utils import translation

    with translation.override("de"), pytest.raises(Refused) as refused:
        make_event(**fields)
    assert refused.value.errors == [message]
    assert Event.objects.count() == 0


def test_capacity_must_be_positive(make_event):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_event(registration="portal", capacity=-1)
    assert Event.objects.count() == 0


# --- public pages ------------------------------------------------------------------


def test_list_shows_published_and_cancelled_not_drafts(client, make_event, staff):
    make_event(title="Öffentlich")
    make_event(title="Entwurf", publish=False)
    cancelled = make_event(title="Abgesagt")
    services.event_cancel(event=cancelled, by=staff)
    response = client.get("/de/veranstaltungen/")
    assert [e.title for e in response.context["events"]] == ["Öffentlich", "Abgesagt"] or sorted(
        e.title for e in response.context["events"]
    ) == ["Abgesagt", "Öffentlich"]
    assert "abgesagt" in client.get(cancelled.get_absolute_url()).content.decode().lower()


def test_filters_by_language_category_organiser_free_and_open_registration(
    client, make_event, association
):
    culture = Category.objects.get(slug="kultur")
    make_event(title="Treffer", languages=["ar", "de"], categories=[culture], associations=[association],
               registration="portal", capacity=10)  # fmt: skip
    make_event(
        title="Andere Sprache", languages=["pl"], categories=[culture], associations=[association]
    )
    make_event(title="Kostet", languages=["ar"], is_free=False, price="5 €")
    query = {"language": "ar", "category": "kultur", "organiser": association.slug}
    assert [e.title for e in client.get("/de/veranstaltungen/", query).context["events"]] == [
        "Treffer"
    ]
    assert [
        e.title
        for e in client.get("/de/veranstaltungen/", {"open_registration": "on"}).context["events"]
    ] == ["Treffer"]
    titles = sorted(
        e.title for e in client.get("/de/veranstaltungen/", {"free": "on"}).context["events"]
    )
    assert titles == ["Andere Sprache", "Treffer"]


def test_archive_lists_past_events(client, make_event):
    event = make_event(title="Vorbei")
    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(days=3), end=timezone.now() - timedelta(days=3, hours=-2)
    )
    assert [e.title for e in client.get("/de/veranstaltungen/").context["events"]] == []
    assert [
        e.title for e in client.get("/de/veranstaltungen/", {"archiv": "1"}).context["events"]
    ] == ["Vorbei"]


def test_month_grid(client, make_event):
    event = make_event(title="Im Monat")
    response = client.get(
        "/de/veranstaltungen/", {"ansicht": "monat", "monat": SOON.strftime("%Y-%m")}
    )
    days = [day for week in response.context["weeks"] for day in week if day["events"]]
    assert [(day["date"], [e.title for e in day["events"]]) for day in days] == [
        (SOON, ["Im Monat"])
    ]
    assert response.context["weeks"][0][0]["date"].weekday() == 0  # German weeks start on Monday
    assert event.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_list_query_count_does_not_grow(
    client, make_event, association, django_assert_num_queries, rows
):
    for number in range(rows):
        make_event(title=f"Termin {number}", languages=["de", "ar"], associations=[association],
                   categories=list(Category.objects.all()[:2]))  # fmt: skip
    with django_assert_num_queries(8):
        response = client.get("/de/veranstaltungen/")
    assert len(response.context["events"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_filtered_list_query_count_does_not_grow(
    client, make_event, association, django_assert_num_queries, rows
):
    culture = Category.objects.get(slug="kultur")
    for number in range(rows):
        make_event(title=f"Termin {number}", languages=["de", "ar"], associations=[association],
                   categories=[culture])  # fmt: skip
    query = {"language": "ar", "category": "kultur", "organiser": association.slug, "free": "on"}
    with django_assert_num_queries(10):  # as unfiltered, and checking the category and organiser
        response = client.get("/de/veranstaltungen/", query)
    assert len(response.context["events"]) == rows


def test_detail_json_ld_and_hostile_text(client, make_event):
    event = make_event(
        title='Fest </script><script>alert("x")</script>',
        summary="<b>fett</b>",
        summary_de="<b>fett</b>",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert (data["@type"], data["name"], data["description"]) == (
        "Event",
        'Fest </script><script>alert("x")</script>',
        "<b>fett</b>",
    )
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


# --- iCal --------------------------------------------------------------------------


def test_feed_parses_back_with_two_independent_parsers(client, make_event, staff):
    timed = make_event(title="Chor; Probe, offen", languages=["ar"])
    all_day = make_event(
        title="Fest", all_day=True, start_time=None, end_time=None, languages=["de"]
    )
    cancelled = make_event(title="Fällt aus", languages=["ar"])
    services.event_cancel(event=cancelled, by=staff)
    content = client.get("/de/veranstaltungen/feed.ics").content
    calendar = icalendar.Calendar.from_ical(content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Chor; Probe, offen", "Fest", "Fällt aus"}
    assert str(events["Chor; Probe, offen"]["UID"]) == f"event-{timed.pk}@127.0.0.1"
    assert events["Chor; Probe, offen"]["DTSTART"].dt == timed.start
    assert events["Chor; Probe, offen"]["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert events["Fest"]["DTSTART"].dt == SOON
    assert events["Fest"]["DTEND"].dt == SOON + timedelta(days=1)  # exclusive
    assert str(events["Fällt aus"]["STATUS"]) == "CANCELLED"
    assert b"Chor\\; Probe\\, offen" in content
    second = vobject.readOne(content.decode())
    summaries = sorted(str(component.summary.value) for component in second.vevent_list)
    assert summaries == ["Chor; Probe, offen", "Fest", "Fällt aus"]
    timed_again = next(c for c in second.vevent_list if c.summary.value == "Chor; Probe, offen")
    assert timed_again.dtstart.value == timed.start
    assert str(all_day.pk) in str(events["Fest"]["UID"])


def test_feed_carries_the_filter(client, make_event):
    make_event(title="Arabisch", languages=["ar"])
    make_event(title="Polnisch", languages=["pl"])
    calendar = icalendar.Calendar.from_ical(
        client.get("/de/veranstaltungen/feed.ics", {"language": "ar"}).content
    )
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Arabisch"]
    html = client.get("/de/veranstaltungen/", {"language": "ar"}).content.decode()
    assert 'href="/de/veranstaltungen/feed.ics?language=ar"' in html


def test_atom_feed_lists_new_events(client, make_event):
    make_event(title="Neu im Kalender")
    response = client.get("/de/veranstaltungen/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Neu im Kalender</title>" in response.content.decode()


# --- registration ------------------------------------------------------------------


def register(client, event, email, people=1, name="Gast"):
    return client.post(event.get_absolute_url(), {"name": name, "email": email, "people": people})


@pytest.mark.parametrize(
    ("setup", "data"),
    [
        ("duplicate", {"email": "gast@example.org"}),
        ("deadline", {"email": "neu@example.org"}),
        ("cancelled", {"email": "neu@example.org"}),
        (None, {"email": "kein-at"}),
        (None, {"people": "0"}),
        (None, {"people": "11"}),
        (None, {"name": ""}),
        (None, {"name": "x" * 151}),
    ],
)
def test_bad_registrations_are_refused(client, make_event, staff, setup, data):
    event = make_event(registration="portal", capacity=5)
    services.registration_create(
        event=event, name="Gast", email="gast@example.org", email_verified=True
    )
    if setup == "deadline":
        Event.objects.filter(pk=event.pk).update(
            registration_deadline=timezone.now() - timedelta(hours=1)
        )
    if setup == "cancelled":
        services.event_cancel(event=event, by=staff)
    before = Registration.objects.count()
    response = client.post(
        event.get_absolute_url(), {"name": "Neu", "email": "neu@example.org", "people": "1", **data}
    )
    assert response.status_code in (302, 400)
    assert Registration.objects.count() == before


def test_waiting_list_moves_up_when_a_place_frees(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=2)
    first = services.registration_create(
        event=event, name="A", email="a@example.org", people=2, email_verified=True
    )
    waiting_big = services.registration_create(
        event=event, name="B", email="b@example.org", people=3, email_verified=True
    )
    waiting = services.registration_create(
        event=event, name="C", email="c@example.org", people=1, email_verified=True
    )
    assert [first.status, waiting_big.status, waiting.status] == ["confirmed", "waiting", "waiting"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/de/veranstaltungen/abmelden/{first.cancel_token}/")
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "cancelled",
        "b@example.org": "waiting",
        "c@example.org": "confirmed",
    }
    assert [m.to for m in mail.outbox] == [["c@example.org"]]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_people_register_at_once_for_ten_places(staff):
    from tests.conftest import restore_reference_data

    restore_reference_data()
    event = services.event_create(
        by=staff, title="Workshop", first_date=SOON, start_time=time(10), end_time=time(12),
        location_kind="address", address="Büro", registration="portal", capacity=10,
    )[0]  # fmt: skip
    services.event_publish(event=event, by=staff)
    barrier = threading.Barrier(50)
    errors = []

    def sign_up(number):
        try:
            barrier.wait()
            services.registration_create(
                event=event,
                name=f"Person {number}",
                email=f"p{number}@example.org",
                email_verified=True,
            )
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(number,)) for number in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in ("confirmed", "waiting")
    }
    assert counts == {"confirmed": 10, "waiting": 40}


def test_purge_deletes_registrations_30_days_after_the_event(make_event):
    old = make_event(title="Alt", registration="portal", capacity=5)
    recent = make_event(title="Neu", registration="portal", capacity=5)
    services.registration_create(event=old, name="A", email="a@example.org", email_verified=True)
    services.registration_create(event=recent, name="B", email="b@example.org", email_verified=True)
    Event.objects.filter(pk=old.pk).update(
        start=timezone.now() - timedelta(days=32), end=timezone.now() - timedelta(days=31)
    )
    out = StringIO()
    call_command("purge_registrations", stdout=out)
    assert out.getvalue().strip() == "1 registrations deleted."
    assert list(Registration.objects.values_list("email", flat=True)) == ["b@example.org"]


def test_cancelling_an_event_emails_registrants(
    make_event, staff, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=5)
    services.registration_create(event=event, name="A", email="a@example.org", email_verified=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=staff)
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert Event.objects.get(pk=event.pk).registration_is_open is False


# --- association dashboard ---------------------------------------------------------

FORM = {
    "title": "Kochabend",
    "summary": "Gemeinsam kochen",
    "description": "",
    "first_date": SOON.isoformat(),
    "start_time": "18:00",
    "end_time": "21:00",
    "location_kind": "address",
    "address": "Nordmarkt 1",
    "audience": "everyone",
    "registration": "none",
    "is_free": "on",
}


@pytest.fixture
def as_role(client, association, editor, sign_in_as_staff):
    def login(role):
        if role == "stranger":
            stranger = member_of(
                AssociationFactory(name="Fremd"), Membership.Role.ADMIN, email="x@example.org"
            )
            client.force_login(stranger)
        elif role == "editor":
            client.force_login(editor)
        elif role in STAFF_ROLES:
            sign_in_as_staff(role, REDAKTION)
        return client

    return login


# Staff act on an association's events only with the Redaktion's permissions and their
# second factor used in this session; every other staff account is a stranger (404).
ROLE_STATUS = [
    ("anonymous", 302),
    ("stranger", 404),
    ("editor", 200),
    ("staff_without_permission", 404),
    ("staff_without_2fa", 404),
    ("staff_2fa_not_used", 404),
    ("staff_with_permission", 200),
]


@pytest.mark.parametrize(("role", "status"), ROLE_STATUS)
@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_permission_matrix_attendee_list(as_role, association, make_event, role, status, export):
    event = make_event(associations=[association], registration="portal", capacity=3)
    Registration.objects.create(event=event, name="Ada", email="ada@example.org")
    response = as_role(role).get(
        f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/anmeldungen/",
        {"export": export} if export else {},
    )
    assert response.status_code == status
    assert ("ada@example.org" in response.content.decode(errors="ignore")) is (
        status == 200 and export != "xlsx"
    )


@pytest.mark.parametrize(
    ("role", "status", "final"),
    [
        ("anonymous", 302, "draft"),
        ("stranger", 404, "draft"),
        ("editor", 302, "submitted"),
        ("staff_without_permission", 404, "draft"),
        ("staff_without_2fa", 404, "draft"),
        ("staff_2fa_not_used", 404, "draft"),
        # The office publishes an untrusted association's event without review.
        ("staff_with_permission", 302, "published"),
    ],
)
def test_permission_matrix_submit(as_role, association, make_event, role, status, final):
    event = make_event(publish=False, associations=[association])
    response = as_role(role).post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/einreichen/"
    )
    assert response.status_code == status
    event.refresh_from_db()
    assert event.status == final


@pytest.mark.parametrize(
    ("role", "status", "final"),
    [
        ("editor", 302, "submitted"),
        ("staff_without_permission", 404, "published"),
        ("staff_2fa_not_used", 404, "published"),
        ("staff_with_permission", 302, "published"),
    ],
)
def test_editing_a_published_event_keeps_it_public_only_for_the_office(
    as_role, association, make_event, role, status, final
):
    event = make_event(associations=[association])
    response = as_role(role).post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/bearbeiten/",
        {**FORM, "title": "Neuer Titel"},
    )
    assert response.status_code == status
    event.refresh_from_db()
    assert (event.status, event.title == "Neuer Titel") == (final, status == 302)


def test_association_creates_submits_and_trusted_ones_publish_directly(client, association, editor):
    client.force_login(editor)
    response = client.post(f"/de/mein-verein/{association.slug}/veranstaltungen/neu/", FORM)
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.status, list(event.organiser_associations.all())) == ("draft", [association])
    client.post(f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/einreichen/")
    event.refresh_from_db()
    assert event.status == "submitted"
    association.trusted = True
    association.save()
    client.post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/neu/", {**FORM, "title": "Vertraut"}
    )
    trusted = Event.objects.get(title="Vertraut")
    client.post(f"/de/mein-verein/{association.slug}/veranstaltungen/{trusted.pk}/einreichen/")
    trusted.refresh_from_db()
    assert trusted.status == "published"


@pytest.mark.parametrize(
    "change",
    [
        {"title": ""},
        {"start_time": "21:00", "end_time": "18:00"},
        {"first_date": (date.today() - timedelta(days=2)).isoformat()},
        {"location_kind": "room"},
        {"registration": "portal", "capacity": ""},
        {"registration": "portal", "capacity": "0"},
        {"registration": "portal", "capacity": "-3"},
        {"repeat": "weekly", "count": "1000"},
        {"online_url": "javascript:alert(1)", "location_kind": "online"},
    ],
)
def test_bad_event_forms_store_nothing(client, association, editor, change):
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/neu/", {**FORM, **change}
    )
    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_event_with_a_room_booking_follows_the_room_rules(client, association, editor):
    from facilities.models import Booking
    from tests.factories import make_house, make_room

    make_room(make_house())
    client.force_login(editor)
    day = SOON + timedelta(days=(7 - SOON.weekday()) % 7)  # a Monday: the house is open
    response = client.post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/neu/",
        {
            **FORM,
            "first_date": day.isoformat(),
            "location_kind": "room",
            "room": "saal",
            "book_room": "on",
            "attendees": "30",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.booking.status, event.booking.room.slug) == ("requested", "saal")
    too_many = client.post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/neu/",
        {
            **FORM,
            "first_date": day.isoformat(),
            "location_kind": "room",
            "room": "saal",
            "book_room": "on",
            "attendees": "500",
            "title": "Zu groß",
        },
    )
    assert too_many.status_code == 400
    assert Booking.objects.count() == 1


def test_attendee_export_for_the_organising_association(client, association, editor, make_event):
    event = make_event(associations=[association], registration="portal", capacity=3)
    services.registration_create(
        event=event, name="=HYPERLINK(1)", email="a@example.org", email_verified=True
    )
    client.force_login(editor)
    export = client.get(
        f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/anmeldungen/",
        {"export": "csv"},
    )
    text = export.content.decode()
    assert text.startswith("\ufeffName;E-Mail;Anzahl der Personen;Status;Sprache;Angemeldet am")
    assert "'=HYPERLINK(1);a@example.org;1;bestätigt;Deutsch;" in text


def test_home_profile_and_project_show_upcoming_events(client, association, make_event):
    make_event(title="Auf der Startseite", associations=[association])
    assert "Auf der Startseite" in client.get("/de/").content.decode()
    profile = client.get(association.get_absolute_url()).content.decode()
    assert "Auf der Startseite" in profile
    assert f"/de/veranstaltungen/feed.ics?organiser={association.slug}" in profile


def test_registration_data_is_in_the_gdpr_export(client, make_event, editor):
    event = make_event(registration="portal", capacity=3)
    services.registration_create(event=event, name="Ich", email=editor.email, email_verified=True)
    client.force_login(editor)
    data = json.loads(client.get("/de/konto/meine-daten/?download=1").content)
    assert data["events"]["registrations"][0]["event"] == "Sprachcafé"


def test_editing_a_published_event_sends_it_back_for_review_and_moves_its_room(
    client, association, editor, staff
):
    from tests.factories import make_house, make_room

    make_room(make_house())
    day = SOON + timedelta(days=(7 - SOON.weekday()) % 7)  # a Monday
    event = services.event_create(
        by=editor, title="Lesung", first_date=day, start_time=time(18), end_time=time(20),
        associations=[association], location_kind="room", room=__import__("facilities.models").models.Room.objects.get(),
        book_room=True, attendees=20,
    )[0]  # fmt: skip
    services.event_publish(event=event, by=staff)
    client.force_login(editor)
    page = client.get(f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/bearbeiten/")
    assert page.context["form"].initial["start_time"] == time(18)
    response = client.post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/bearbeiten/",
        {**FORM, "title": "Lesung <neu>", "first_date": day.isoformat(), "start_time": "19:00", "end_time": "21:00",
         "location_kind": "room", "room": "saal"},
    )  # fmt: skip
    assert response.status_code == 302
    event.refresh_from_db()
    zone = timezone.get_current_timezone()
    assert (event.title, event.status, event.start.astimezone(zone).time()) == (
        "Lesung <neu>",
        "submitted",
        time(19),
    )
    assert event.booking.start.astimezone(zone).time() == time(19)
    assert event.booking.status == "requested"
    other = member_of(
        AssociationFactory(name="Fremd"), Membership.Role.ADMIN, email="f@example.org"
    )
    client.force_login(other)
    assert (
        client.get(
            f"/de/mein-verein/{association.slug}/veranstaltungen/{event.pk}/bearbeiten/"
        ).status_code
        == 404
    )


def test_series_can_leave_out_dates_and_each_date_stands_alone(staff):
    first = SOON + timedelta(days=(1 - SOON.weekday()) % 7)  # a Tuesday
    left_out = first + timedelta(days=14)
    events = services.event_create(
        by=staff, title="Sprachcafé", first_date=first, start_time=time(17), end_time=time(19),
        location_kind="address", address="Nordmarkt", series={"frequency": "weekly", "count": 4, "exceptions": [left_out]},
    )  # fmt: skip
    days = [timezone.localtime(event.start).date() for event in events]
    assert days == [first, first + timedelta(days=7), first + timedelta(days=21)]
    services.event_publish(event=events[1], by=staff)
    services.event_cancel(event=events[1], by=staff)
    assert [Event.objects.get(pk=e.pk).status for e in events] == ["draft", "cancelled", "draft"]


def test_dashboard_series_until_a_date_leaving_out_a_holiday(client, association, editor):
    first = SOON + timedelta(days=(1 - SOON.weekday()) % 7)  # a Tuesday
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/neu/",
        {**FORM, "first_date": first.isoformat(), "repeat": "weekly", "until_date": (first + timedelta(days=21)).isoformat(),
         "left_out": (first + timedelta(days=7)).strftime("%d.%m.%Y")},
    )  # fmt: skip
    assert response.status_code == 302
    days = sorted(timezone.localtime(e.start).date() for e in Event.objects.all())
    assert days == [first, first + timedelta(days=14), first + timedelta(days=21)]
    bad = client.post(
        f"/de/mein-verein/{association.slug}/veranstaltungen/neu/",
        {**FORM, "repeat": "weekly", "count": "3", "left_out": "<script>"},
    )
    assert bad.status_code == 400
    assert Event.objects.count() == 3


def test_an_all_day_event_over_several_days_shows_its_first_and_last_day(client, make_event):
    """Pages read the days as the emails do (CLDR date range), not the first day alone."""
    from babel.dates import format_interval

    event = make_event(all_day=True)
    Event.objects.filter(pk=event.pk).update(end=event.end + timedelta(days=2))
    first = timezone.localtime(event.start).date()
    for language in ["de", "tr"]:
        expected = format_interval(first, first + timedelta(days=2), "yMMMMEEEEd", locale=language)
        for path in [
            event.get_absolute_url().replace("/de/", f"/{language}/"),
            f"/{language}/veranstaltungen/",
        ]:
            page = client.get(path).content.decode()
            assert expected in page, (language, path)
