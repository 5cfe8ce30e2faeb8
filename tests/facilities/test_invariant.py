"""The guarantee: no two approved bookings of one room ever overlap, even under races."""

import multiprocessing
import threading
from datetime import date, time, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from facilities import services
from facilities.models import Booking
from members.models import Membership
from tests.facilities import race_worker
from tests.factories import (
    ALL_DAY,
    AssociationFactory,
    UserFactory,
    make_house,
    make_room,
    member_of,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NEXT_MONDAY = date.today() + timedelta(days=7 - date.today().weekday() + 7)


def overlapping_approved_pairs() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM facilities_booking a JOIN facilities_booking b
              ON a.room_id = b.room_id AND a.id < b.id
             AND a.status = 'approved' AND b.status = 'approved'
             AND tstzrange(a.start, a."end", '[)') && tstzrange(b.start, b."end", '[)')
            """
        )
        return cursor.fetchone()[0]


@pytest.fixture
def setup():
    house = make_house(opening_hours=ALL_DAY)
    room = make_room(house, bookable_hours=ALL_DAY)
    staff = UserFactory(is_staff=True, email="raum@example.org")
    associations = [AssociationFactory(name=f"Verein {n}") for n in range(20)]
    return room, staff, associations


def request(room, association, start_time, end_time, day=NEXT_MONDAY, **extra):
    return services.booking_request(
        room=room, association=association, requested_by=None, title=f"Treffen {association.name}",
        attendees=10, first_date=day, start_time=start_time, end_time=end_time, **extra,
    )  # fmt: skip


def test_the_database_refuses_an_overlapping_approved_booking(setup):
    room, staff, associations = setup
    first = request(room, associations[0], time(10, 0), time(12, 0)).bookings.get()
    second = request(room, associations[1], time(11, 0), time(13, 0)).bookings.get()
    services.booking_approve(booking=first, by=staff)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE facilities_booking SET status = 'approved' WHERE id = %s", [second.pk]
        )
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO facilities_booking (room_id, series_id, association_id, start, "end",
                   status, reason, created_at)
               SELECT room_id, series_id, association_id, start + interval '1 hour',
                   "end" + interval '1 hour', 'approved', '', now()
               FROM facilities_booking WHERE id = %s""",
            [first.pk],
        )
    assert overlapping_approved_pairs() == 0


def test_back_to_back_bookings_are_fine(setup):
    room, staff, associations = setup
    for number, (start, end) in enumerate([(time(10), time(12)), (time(12), time(14))]):
        booking = request(room, associations[number], start, end).bookings.get()
        services.booking_approve(booking=booking, by=staff)
    assert Booking.objects.approved().count() == 2


def test_twenty_threads_race_for_one_room_and_exactly_one_wins(setup):
    room, staff, associations = setup
    series = [
        request(room, association, time(10, number % 3), time(12, number % 5))
        for number, association in enumerate(associations)
    ]
    barrier = threading.Barrier(len(series))
    outcomes = []

    def approve(one):
        try:
            barrier.wait()
            services.booking_approve(booking=one.bookings.get(), by=staff)
            outcomes.append("approved")
        except services.BookingConflict as conflict:
            outcomes.append(str(conflict))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(one,)) for one in series]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(
        ["approved"] + ["Der Raum ist zu dieser Zeit bereits gebucht."] * 19
    )
    assert Booking.objects.approved().count() == 1
    assert overlapping_approved_pairs() == 0


def test_eight_processes_race_for_one_room_and_exactly_one_wins(setup):
    room, _staff, associations = setup
    bookings = [request(room, a, time(9, 0), time(11, 0)).bookings.get() for a in associations[:8]]
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(len(bookings))
    results = spawn.Queue()
    processes = [
        spawn.Process(
            target=race_worker.approve,
            args=(connection.settings_dict["NAME"], booking.pk, barrier, results),
        )
        for booking in bookings
    ]
    for process in processes:
        process.start()
    outcomes = sorted(results.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0] * 8
    assert outcomes == sorted(["approved"] + ["Der Raum ist zu dieser Zeit bereits gebucht."] * 7)
    assert overlapping_approved_pairs() == 0


def test_two_overlapping_series_approved_at_once_have_one_winner_per_week(setup):
    room, staff, associations = setup
    weekly = {"frequency": "weekly", "count": 8}
    first = request(room, associations[0], time(18, 0), time(20, 0), **weekly)
    second = request(room, associations[1], time(19, 0), time(21, 0), **weekly)
    barrier = threading.Barrier(2)
    results = {}

    def approve(series):
        try:
            barrier.wait()
            results[series.pk] = services.series_approve(series=series, by=staff)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(one,)) for one in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == sorted(
        [(a, 8 - a) for a in (results[first.pk][0], results[second.pk][0])]
    )
    assert results[first.pk][0] + results[second.pk][0] == 8
    approved_weeks = sorted(b.start.date() for b in Booking.objects.approved())
    assert approved_weeks == sorted(b.start.date() for b in first.bookings.all())
    assert Booking.objects.filter(status="rejected").count() == 8
    assert overlapping_approved_pairs() == 0


def test_twelve_parallel_requests_through_the_form_for_a_room_without_approval(setup):
    """Issue 11 point 12: the losers got a 500 (BookingConflict escaped booking_request)."""
    room, _staff, associations = setup
    room.needs_approval = False
    room.save()
    clients = []
    for association in associations[:12]:
        client = Client()
        client.force_login(member_of(association, Membership.Role.EDITOR))
        clients.append((client, association))
    form = {
        "room": room.slug, "title": "Probe", "purpose": "", "attendees": "10",
        "first_date": NEXT_MONDAY.isoformat(), "start_time": "10:00", "end_time": "12:00",
        "frequency": "once", "interval_weeks": "1", "submit": "1",
    }  # fmt: skip
    taken = f"{NEXT_MONDAY:%d.%m.%Y}: Der Raum ist zu dieser Zeit bereits gebucht."
    barrier = threading.Barrier(len(clients))
    outcomes = []

    def post(client, association):
        try:
            barrier.wait()
            response = client.post(f"/de/mein-verein/{association.slug}/buchungen/neu/", form)
            outcomes.append((response.status_code, taken in response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted([(302, False)] + [(400, True)] * 11)
    assert Booking.objects.approved().count() == 1
    assert Booking.objects.count() == 1
    assert overlapping_approved_pairs() == 0
