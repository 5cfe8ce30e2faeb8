"""Booking rules, DST, series, bad input, permissions, week view, iCal, utilisation."""

from datetime import UTC, date, datetime, time, timedelta
from io import StringIO

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from facilities import selectors, services
from facilities.models import Booking, BookingSeries, CalendarToken, Closure, Room
from members.models import Membership
from tests.conftest import STAFF_ROLES
from tests.factories import (
    ALL_DAY,
    NEXT_MONDAY,
    TODAY,
    AssociationFactory,
    ask,
    make_room,
    member_of,
    open_every_day,
    sign_in_with_second_factor,
    staff_in,
    tomorrow,
)
from vmdo_portal.services import Refused
from vmdo_portal.staff_groups import RAUMVERWALTUNG

pytestmark = pytest.mark.django_db


# --- time and series ---------------------------------------------------------------


def test_a_weekly_series_keeps_its_local_time_across_both_dst_changes(house):
    room = make_room(house, bookable_hours=ALL_DAY, horizon_days=730)
    house.opening_hours = ALL_DAY
    house.save()
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    plan = services.plan_request(
        room=room, attendees=5, first_date=date(2026, 3, 18), start_time=time(19, 0),
        end_time=time(21, 0), frequency="weekly", until_date=date(2026, 11, 4), now=now,
    )  # fmt: skip
    zone = timezone.get_current_timezone()
    local_times = {occurrence.start.astimezone(zone).time() for occurrence in plan}
    assert local_times == {time(19, 0)}
    utc_hours = [occurrence.start.astimezone(UTC).hour for occurrence in plan]
    dates = [occurrence.day for occurrence in plan]
    assert utc_hours[dates.index(date(2026, 3, 25))] == 18  # CET: 19:00 = 18:00 UTC
    assert utc_hours[dates.index(date(2026, 4, 1))] == 17  # CEST: 19:00 = 17:00 UTC
    assert utc_hours[dates.index(date(2026, 10, 21))] == 17
    assert utc_hours[dates.index(date(2026, 10, 28))] == 18  # CET again


@pytest.mark.parametrize(
    ("day", "start", "message"),
    [
        (
            date(2026, 3, 29),
            time(2, 30),
            "29.03.2026 02:30 gibt es nicht: In dieser Nacht werden die Uhren vorgestellt.",
        ),
        (
            date(2026, 10, 25),
            time(2, 30),
            "25.10.2026 02:30 gibt es zweimal: In dieser Nacht werden die Uhren zurückgestellt. Bitte wählen Sie eine andere Zeit.",
        ),
    ],
)
def test_local_times_that_do_not_exist_or_repeat_are_refused(house, day, start, message):
    from django.utils import translation

    room = make_room(house, bookable_hours=ALL_DAY, horizon_days=730)
    house.opening_hours = ALL_DAY
    house.save()
    with translation.override("de"), pytest.raises(Refused) as refused:
        services.plan_request(
            room=room, attendees=5, first_date=day, start_time=start, end_time=time(4, 0),
            now=datetime(2026, 3, 1, tzinfo=UTC),
        )  # fmt: skip
    assert refused.value.errors == [message]


def test_conflicting_weeks_are_reported_and_can_be_skipped(room, staff):
    other = ask(room, first_date=NEXT_MONDAY + timedelta(days=14))
    services.booking_approve(booking=other.bookings.get(), by=staff)
    plan = services.plan_request(
        room=room, attendees=10, first_date=NEXT_MONDAY, start_time=time(18), end_time=time(20),
        frequency="weekly", count=4,
    )  # fmt: skip
    assert [bool(o.conflicts) for o in plan] == [False, False, True, False]
    with pytest.raises(Refused):
        ask(room, frequency="weekly", count=4)
    series = ask(room, frequency="weekly", count=4, skip_dates=[NEXT_MONDAY + timedelta(days=14)])
    assert [b.start.date() for b in series.bookings.order_by("start")] == [
        NEXT_MONDAY,
        NEXT_MONDAY + timedelta(days=7),
        NEXT_MONDAY + timedelta(days=21),
    ]


def test_rooms_without_approval_confirm_at_once_when_free(house):
    room = make_room(house, slug="a5", needs_approval=False)
    series = ask(room)
    assert list(series.bookings.values_list("status", flat=True)) == ["approved"]


def test_back_to_back_is_free_and_closures_conflict(room, staff, house):
    first = ask(room, start_time=time(16), end_time=time(18))
    services.booking_approve(booking=first.bookings.get(), by=staff)
    second = ask(room, start_time=time(18), end_time=time(20))  # starts as the first ends
    services.booking_approve(booking=second.bookings.get(), by=staff)
    zone = timezone.get_current_timezone()
    Closure.objects.create(
        facility=house, start=datetime.combine(NEXT_MONDAY + timedelta(days=1), time(0), zone),
        end=datetime.combine(NEXT_MONDAY + timedelta(days=2), time(0), zone), reason="Renovierung",
    )  # fmt: skip
    with pytest.raises(Refused) as refused:
        ask(room, first_date=NEXT_MONDAY + timedelta(days=1))
    assert "Renovierung" in refused.value.errors[0]


def test_approving_rejects_the_overlapping_requests_on_request(room, staff):
    winner = ask(room).bookings.get()
    loser = ask(room, start_time=time(19), end_time=time(21)).bookings.get()
    services.booking_approve(booking=winner, by=staff, reject_overlapping=True)
    loser.refresh_from_db()
    assert (loser.status, loser.reason) == (
        "rejected",
        "Der Raum wurde an eine andere Anfrage vergeben.",
    )


# --- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start_time": time(20), "end_time": time(18)}, "Das Ende muss nach dem Beginn liegen."),
        ({"start_time": time(18), "end_time": time(18)}, "Das Ende muss nach dem Beginn liegen."),
        ({"attendees": 81}, "Der Raum hat 80 Plätze; 81 Personen sind zu viele."),
        (
            {"first_date": TODAY - timedelta(days=1)},
            f"{(TODAY - timedelta(days=1)):%d.%m.%Y} liegt in der Vergangenheit.",
        ),
        ({"first_date": TODAY + timedelta(days=400)}, None),
        (
            {"start_time": time(18), "end_time": time(18, 15)},
            "Buchungen dieses Raums dauern mindestens 30 Minuten.",
        ),
        ({"start_time": time(6), "end_time": time(9)}, None),
        ({"first_date": NEXT_MONDAY - timedelta(days=1)}, None),  # a Sunday: house closed
        (
            {"frequency": "weekly", "until_date": NEXT_MONDAY + timedelta(days=3650)},
            "Eine Serie darf höchstens 60 Termine haben. Bitte beantragen Sie eine kürzere Serie.",
        ),
        (
            {"frequency": "weekly"},
            "Eine wöchentliche Serie braucht ein Enddatum oder eine Anzahl von Terminen.",
        ),
        (
            {"frequency": "weekly", "count": 10, "interval_weeks": 0},
            "Bitte eine Wiederholung zwischen jeder Woche und jeder 8. Woche wählen.",
        ),
    ],
)
def test_bad_requests_are_refused_with_a_message_and_store_nothing(room, fields, message):
    from django.utils import translation

    with translation.override("de"), pytest.raises(Refused) as refused:
        ask(room, **fields)
    if message:
        assert refused.value.errors == [message]
    assert refused.value.errors != []
    assert Booking.objects.count() == 0


# --- dashboard ---------------------------------------------------------------------

# Staff act on an association's bookings only with the room office's permissions and
# their second factor used in this session; every other staff account is a stranger. The
# GET pages are in tests/test_permission_matrix.py; here the actions, with what they change.


@pytest.fixture
def dashboard(client, room, association, booker, sign_in_as_staff):
    other = AssociationFactory(name="Fremder Verein")
    stranger = member_of(other, Membership.Role.ADMIN, email="fremd@example.org")
    # A week after next: far from any cancellation cut-off.
    booking = ask(
        room, association=association, booker=booker, first_date=NEXT_MONDAY + timedelta(days=7)
    ).bookings.get()
    users = {"stranger": stranger, "editor": booker}

    def as_role(role):
        client.logout()
        if role in users:
            client.force_login(users[role])
        elif role in STAFF_ROLES:
            sign_in_as_staff(role, RAUMVERWALTUNG)
        return client

    return as_role, association, booking


@pytest.mark.parametrize(
    ("action", "data", "field", "value"),
    [
        ("zurueckziehen", {}, "status", "withdrawn"),
        ("absagen", {}, "status", "cancelled"),
        ("aendern", {"start_time": "19:00", "end_time": "21:00"}, "start_hour", 19),
    ],
)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("stranger", 404),
        ("editor", 302),
        ("staff_without_permission", 404),
        ("staff_without_2fa", 404),
        ("staff_2fa_not_used", 404),
        ("staff_with_permission", 302),
    ],
)
def test_permission_matrix_booking_actions(dashboard, role, status, action, data, field, value):
    as_role, association, booking = dashboard
    before = {"status": booking.status, "start_hour": timezone.localtime(booking.start).hour}
    response = as_role(role).post(
        f"/de/mein-verein/{association.slug}/buchungen/{booking.pk}/{action}/", data
    )
    assert response.status_code == status
    booking.refresh_from_db()
    after = {"status": booking.status, "start_hour": timezone.localtime(booking.start).hour}
    assert after[field] == (value if status == 302 and role != "anonymous" else before[field])


@pytest.mark.parametrize(
    ("role", "status", "renewed"),
    [
        ("stranger", 404, False),
        ("editor", 302, True),
        ("staff_without_permission", 404, False),
        ("staff_2fa_not_used", 404, False),
        ("staff_with_permission", 302, True),
    ],
)
def test_permission_matrix_renew_calendar(dashboard, role, status, renewed):
    as_role, association, _booking = dashboard
    old = CalendarToken.objects.create(association=association).token
    response = as_role(role).post(f"/de/mein-verein/{association.slug}/buchungen/kalender/")
    assert response.status_code == status
    assert (CalendarToken.objects.get(association=association).token != old) is renewed


@pytest.mark.parametrize(
    ("role", "status", "requests"),
    [
        ("staff_without_permission", 404, 1),
        ("staff_without_2fa", 404, 1),
        ("staff_with_permission", 302, 4),
    ],
)
def test_permission_matrix_request_booking(dashboard, role, status, requests):
    as_role, association, _booking = dashboard
    response = as_role(role).post(
        f"/de/mein-verein/{association.slug}/buchungen/neu/",
        {**REQUEST, "start_time": "10:00", "end_time": "12:00", "submit": "1"},
    )
    assert response.status_code == status
    assert Booking.objects.filter(association=association).count() == requests


def test_a_foreign_booking_id_answers_404(dashboard, room):
    as_role, association, _booking = dashboard
    foreign = ask(room, start_time=time(10), end_time=time(12)).bookings.get()
    response = as_role("editor").post(
        f"/de/mein-verein/{association.slug}/buchungen/{foreign.pk}/absagen/"
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "requested"


REQUEST = {
    "room": "saal",
    "title": "Chorprobe",
    "purpose": "",
    "attendees": "20",
    "first_date": NEXT_MONDAY.isoformat(),
    "start_time": "18:00",
    "end_time": "20:00",
    "frequency": "weekly",
    "interval_weeks": "1",
    "count": "3",
}


def test_request_form_checks_then_sends_a_series_skipping_a_conflict(
    client, room, association, booker, staff
):
    taken = ask(room, first_date=NEXT_MONDAY + timedelta(days=7))
    services.booking_approve(booking=taken.bookings.get(), by=staff)
    client.force_login(booker)
    url = f"/de/mein-verein/{association.slug}/buchungen/neu/"
    check = client.post(url, {**REQUEST, "check": "1"})
    assert check.status_code == 200
    assert [bool(o.conflicts) for o in check.context["plan"]] == [False, True, False]
    refused = client.post(url, {**REQUEST, "submit": "1"})
    assert refused.status_code == 400
    assert Booking.objects.filter(association=association).count() == 0
    skip = (NEXT_MONDAY + timedelta(days=7)).isoformat()
    sent = client.post(url, {**REQUEST, "submit": "1", "skip_dates": [skip]})
    assert sent.status_code == 302
    assert Booking.objects.filter(association=association, status="requested").count() == 2


@pytest.mark.parametrize(
    "change",
    [
        {"room": "gibt-es-nicht"},
        {"attendees": "-5"},
        {"attendees": "0"},
        {"start_time": "25:00"},
        {"first_date": "gestern"},
        {"title": ""},
        {"title": "x" * 201},
        {"frequency": "daily"},
        {"weekdays": ["9"]},
        {"count": "1000"},
        {"skip_dates": ["kein-datum"]},
    ],
)
def test_bad_form_input_changes_nothing(client, room, association, booker, change):
    client.force_login(booker)
    response = client.post(
        f"/de/mein-verein/{association.slug}/buchungen/neu/", {**REQUEST, **change, "submit": "1"}
    )
    assert response.status_code == 400
    assert Booking.objects.count() == 0


def test_script_in_the_title_stays_text(client, room, association, booker, staff):
    client.force_login(booker)
    client.post(
        f"/de/mein-verein/{association.slug}/buchungen/neu/",
        {**REQUEST, "count": "1", "title": "<script>alert(1)</script>", "submit": "1"},
    )
    html = client.get(f"/de/mein-verein/{association.slug}/buchungen/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def approved_past_its_cut_off(room, association, booker, staff):
    """An approved booking tomorrow evening in a room that takes cancellations until 72
    hours before: it is past its cut-off."""
    open_every_day(room)  # tomorrow may be a Sunday
    series = ask(
        room,
        association=association,
        booker=booker,
        first_date=tomorrow(),
        start_time=time(21),
        end_time=time(22),
    )
    booking = services.booking_approve(booking=series.bookings.get(), by=staff)
    room.cancel_cutoff_hours = 72
    room.save()
    return booking


def test_cancellation_respects_the_cut_off(room, association, booker, staff):
    booking = approved_past_its_cut_off(room, association, booker, staff)
    # After the cut-off only the office cancels, as its caller decides (any_time); neither
    # the staff flag nor a permission held by the person changes that on its own.
    for too_late in (booker, staff, staff_in(RAUMVERWALTUNG)):
        with pytest.raises(Refused):
            services.booking_cancel(booking=booking, by=too_late)
    services.booking_cancel(booking=booking, by=staff_in(RAUMVERWALTUNG), any_time=True)
    booking.refresh_from_db()
    assert booking.status == "cancelled"


@pytest.mark.parametrize(("second_factor", "status"), [(False, "approved"), (True, "cancelled")])
def test_a_member_with_room_office_rights_cancels_late_only_with_the_second_factor(
    client, room, association, staff, second_factor, status
):
    """A person who is both a member of the association and in the room office cancels
    after the cut-off only as the office: with the second factor used in this session."""
    person = staff_in(RAUMVERWALTUNG)
    Membership.objects.create(user=person, association=association, role="editor")
    booking = approved_past_its_cut_off(room, association, person, staff)
    if second_factor:
        sign_in_with_second_factor(client, person)
    else:
        client.force_login(person)
    response = client.post(
        f"/de/mein-verein/{association.slug}/buchungen/{booking.pk}/absagen/", follow=True
    )
    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.status == status


def test_emails_on_approval_rejection_cancellation_and_reminder(
    room, association, booker, staff, django_capture_on_commit_callbacks
):
    open_every_day(room)  # tomorrow may be a Sunday
    with django_capture_on_commit_callbacks(execute=True):
        series = ask(
            room,
            association=association,
            booker=booker,
            first_date=tomorrow(),
            start_time=time(20),
            end_time=time(21),
        )
        services.booking_approve(booking=series.bookings.get(), by=staff)
        other = ask(
            room, association=association, booker=booker, start_time=time(10), end_time=time(11)
        )
        services.booking_reject(booking=other.bookings.get(), by=staff, reason="Saal belegt")
    assert [m.subject for m in mail.outbox] == [
        "[VMDO] Raumbuchung bestätigt: Vereinstreffen",
        "[VMDO] Raumbuchung nicht möglich: Vereinstreffen",
    ]
    assert "Saal belegt" in mail.outbox[1].body
    out = StringIO()
    call_command("send_booking_reminders", stdout=out)
    call_command("send_booking_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["1 reminders sent.", "0 reminders sent."]
    assert mail.outbox[-1].subject == "[VMDO] Erinnerung: Vereinstreffen morgen"


# --- week view, lists, feeds -------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 20])
def test_week_view_and_booking_list_query_counts(
    client, room, association, booker, staff, django_assert_num_queries, rows
):
    for number in range(rows):
        start = time(8 + number % 12)
        series = ask(
            room,
            association=association,
            booker=booker,
            first_date=NEXT_MONDAY + timedelta(days=number // 12),
            start_time=start,
            end_time=time(start.hour + 1),
        )
        services.booking_approve(booking=series.bookings.get(), by=staff)
    with django_assert_num_queries(7):
        response = client.get(f"/de/haus-der-vielfalt/raeume/saal/?woche={NEXT_MONDAY.isoformat()}")
    assert sum(len(day["busy"]) for day in response.context["week"]) == rows
    client.force_login(booker)
    # One of them asks whether the header links to the network area.
    with django_assert_num_queries(6):
        response = client.get(f"/de/mein-verein/{association.slug}/buchungen/")
    assert len(response.context["groups"]["approved"]) == rows


def test_week_view_shows_no_booker_details(client, room, association, booker, staff):
    series = ask(room, association=association, booker=booker, title="Geheimes Treffen")
    services.booking_approve(booking=series.bookings.get(), by=staff)
    html = client.get(
        f"/de/haus-der-vielfalt/raeume/saal/?woche={NEXT_MONDAY.isoformat()}"
    ).content.decode()
    assert "Geheimes Treffen" not in html
    assert association.name not in html
    assert "18:00–20:00" in html


def test_public_ical_feed_parses_back_field_by_field(client, room, association, booker, staff):
    series = ask(room, association=association, booker=booker, title="Privat; mit, Kommas")
    booking = series.bookings.get()
    services.booking_approve(booking=booking, by=staff)
    response = client.get("/de/haus-der-vielfalt/raeume/saal/belegung.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"booking-{booking.pk}@127.0.0.1"
    assert event["DTSTART"].dt == booking.start
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTEND"].dt == booking.end
    assert str(event["SUMMARY"]) == "Saal: belegt"
    assert "Privat" not in response.content.decode()


def test_private_feed_has_titles_and_a_revocable_token(client, room, association, booker, staff):
    series = ask(room, association=association, booker=booker, title="Vorstand; Sitzung, intern")
    services.booking_approve(booking=series.bookings.get(), by=staff)
    client.force_login(booker)
    client.post(f"/de/mein-verein/{association.slug}/buchungen/kalender/")
    token = association.calendar_token.token
    client.logout()
    feed = client.get(f"/kalender/buchungen/{token}.ics")
    [event] = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Vorstand; Sitzung, intern"
    assert "Vorstand\\; Sitzung\\, intern" in feed.content.decode()
    assert str(event["STATUS"]) == "CONFIRMED"
    client.force_login(booker)
    client.post(f"/de/mein-verein/{association.slug}/buchungen/kalender/")
    client.logout()
    assert client.get(f"/kalender/buchungen/{token}.ics").status_code == 404


def test_utilisation_on_a_known_data_set(house, staff):
    room = make_room(
        house,
        slug="test",
        horizon_days=730,
        bookable_hours={"mon": {"mode": "open", "ranges": [["10:00", "20:00"]]}},
    )
    # November 2027 has 5 Mondays: 50 bookable hours. Book 2 h on two Mondays = 4 h = 8 %.
    association = AssociationFactory()
    zone = timezone.get_current_timezone()
    for day in (1, 8):
        series = BookingSeries.objects.create(
            room=room, association=association, title="x", attendees=1,
            start_time=time(10), end_time=time(12), first_date=date(2027, 11, day),
        )  # fmt: skip
        Booking.objects.create(
            room=room, series=series, association=association, status="approved",
            start=datetime.combine(date(2027, 11, day), time(10), zone),
            end=datetime.combine(date(2027, 11, day), time(12), zone),
        )  # fmt: skip
    [row] = [r for r in selectors.utilisation(2027, 11) if r["room"] == room]
    assert (row["booked"], row["bookable"], row["share"]) == (4.0, 50.0, 0.08)


@pytest.mark.postgres
def test_the_conflict_check_uses_an_index_at_200000_bookings(room, association):
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO facilities_bookingseries (room_id, association_id, title, purpose, attendees,
                   start_time, end_time, first_date, frequency, interval_weeks, weekdays, created_at)
               VALUES (%s, %s, 'Last', '', 1, '10:00', '11:00', '2030-01-01', 'once', 1, '[]', now())
               RETURNING id""",
            [room.pk, association.pk],
        )
        series_id = cursor.fetchone()[0]
        cursor.execute(
            """INSERT INTO facilities_booking (room_id, series_id, association_id, start, "end", status, reason, created_at)
               SELECT %s, %s, %s, timestamptz '2030-01-01 00:00+00' + n * interval '1 hour',
                      timestamptz '2030-01-01 00:30+00' + n * interval '1 hour', 'approved', '', now()
               FROM generate_series(1, 200000) AS n""",
            [room.pk, series_id, association.pk],
        )
        cursor.execute("ANALYZE facilities_booking")
    start = datetime(2040, 1, 1, 10, tzinfo=UTC)
    query = (
        Booking.objects.approved().overlapping(start, start + timedelta(hours=2)).filter(room=room)
    )
    plan = query.explain(analyze=True)
    # The exclusion constraint's GiST index, not a walk through all earlier bookings.
    assert "booking_no_overlap_when_approved" in plan, plan
    assert "Seq Scan on facilities_booking" not in plan
    assert "Rows Removed by Filter" not in plan, plan
    # The same rows as the plain half-open comparison: 10:00-10:30 and 11:00-11:30 lie
    # inside the window, 09:00-09:30 ends before it and 12:00-12:30 starts at its end.
    plain = Booking.objects.filter(room=room, start__lt=start + timedelta(hours=2), end__gt=start)
    assert sorted(query.values_list("start", flat=True)) == sorted(
        plain.values_list("start", flat=True)
    )
    assert query.count() == 2
    assert Room.objects.count() == 1
