"""An event in a room of the Haus der Vielfalt holds that room (issue 11 point 13).

Every path that creates, submits, publishes, moves or cancels an event is walked, then the
invariant is checked over the database: every published event in a room has an approved
booking of that room covering its whole time."""

import threading
from collections import Counter
from datetime import time, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from events import services
from events.models import Event
from facilities import services as facilities
from facilities.models import Booking
from members.models import Membership
from tests.factories import (
    AssociationFactory,
    login_with_totp,
    make_house,
    make_room,
    member_of,
    open_every_day,
    tomorrow,
)
from vmdo_portal.l10n import format_date
from vmdo_portal.services import Refused

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MONDAY = TODAY + timedelta(days=14 - TODAY.weekday())
TUESDAY, WEDNESDAY, THURSDAY = (MONDAY + timedelta(days=n) for n in (1, 2, 3))
FRIDAY, SUNDAY = MONDAY + timedelta(days=4), MONDAY + timedelta(days=6)
EVENTS = "/verwaltung/events/event/"
ZONE = timezone.get_current_timezone()


def published_events_without_their_room() -> list[int]:
    """The invariant, in SQL: published events in a room whose own booking is not an
    approved booking of that room covering [start, end)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT e.id FROM events_event e
             WHERE e.status = 'published' AND e.location_kind = 'room'
               AND NOT EXISTS (
                   SELECT 1 FROM facilities_booking b
                    WHERE b.id = e.booking_id AND b.room_id = e.room_id
                      AND b.status = 'approved' AND b.start <= e.start AND b."end" >= e."end")
            ORDER BY e.id
            """
        )
        return [row[0] for row in cursor.fetchall()]


def local(moment):
    return moment.astimezone(ZONE)


def form(day, start="18:00", end="20:00", room="saal", **fields):
    return {
        "title": "Kochabend", "summary": "", "description": "", "first_date": day.isoformat(),
        "start_time": start, "end_time": end, "location_kind": "room", "room": room,
        "attendees": "20", "audience": "everyone", "registration": "none", "is_free": "on",
        **fields,
    }  # fmt: skip


def admin_form(room, day, start, end, **fields):
    """What the back office's event form posts (German texts, empty inlines)."""
    data = {
        "title_de": "Fest der Vielfalt", "slug": f"fest-{day:%Y-%m-%d}-{start:%H%M}",
        "summary_de": "", "description_de": "",
        "start_0": day.isoformat(), "start_1": start.strftime("%H:%M"),
        "end_0": day.isoformat(), "end_1": end.strftime("%H:%M"),
        "location_kind": "room", "room": str(room.pk), "address": "", "online_url": "",
        "organised_by_vmdo": "on", "audience": "everyone", "is_free": "on", "price": "",
        "registration": "none", "registration_url": "", "capacity": "",
        "registration_deadline_0": "", "registration_deadline_1": "",
    }  # fmt: skip
    for prefix in ("languages", "registrations"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                 f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip
    return data | fields


@pytest.fixture
def house(db):
    house = make_house()
    saal = make_room(house)  # needs approval
    kueche = make_room(house, name="Küche", slug="kueche", needs_approval=False)
    return house, saal, kueche


@pytest.fixture
def people(house):
    trusted = AssociationFactory(name="Vertraut", trusted=True)
    untrusted = AssociationFactory(name="Neu dabei")
    other = AssociationFactory(name="Chor")
    return {
        "trusted": (trusted, member_of(trusted, Membership.Role.EDITOR, email="t@example.org")),
        "untrusted": (untrusted, member_of(untrusted, Membership.Role.EDITOR, email="u@x.org")),
        "other": (other, member_of(other, Membership.Role.EDITOR, email="o@example.org")),
    }


def taken_by_other(saal, other, staff, day=MONDAY, start=time(18), end=time(20)):
    association, editor = other
    booking = facilities.booking_request(
        room=saal, association=association, requested_by=editor, title="Chorprobe",
        attendees=20, first_date=day, start_time=start, end_time=end,
    ).bookings.get()  # fmt: skip
    return facilities.booking_approve(booking=booking, by=staff)


def dashboard(client, association, path=""):
    return f"/de/mein-verein/{association.slug}/veranstaltungen/{path}"


def errors_of(response):
    return [m.message for m in response.context["messages"] if m.level_tag == "error"]


def test_a_trusted_association_cannot_publish_in_a_room_another_has_booked(
    client, house, people, staff_with_totp
):
    """The reported hole: 'request this room' unticked, submitted, published at once."""
    _house, saal, _kueche = house
    taken_by_other(saal, people["other"], staff_with_totp)
    association, editor = people["trusted"]
    client.force_login(editor)
    created = client.post(dashboard(client, association, "neu/"), form(MONDAY, "18:30", "19:30"))
    assert created.status_code == 302
    event = Event.objects.get()
    submitted = client.post(dashboard(client, association, f"{event.pk}/einreichen/"), follow=True)
    event.refresh_from_db()
    assert (event.status, event.booking) == ("draft", None)
    assert errors_of(submitted) == [
        f"{MONDAY:%d.%m.%Y}: Der Raum ist zu dieser Zeit bereits gebucht."
    ]
    assert published_events_without_their_room() == []


def test_an_all_day_event_in_a_room_books_the_house_hours_or_is_refused(client, house, people):
    """All day with a room request answered 500 (TypeError)."""
    _house, saal, _kueche = house
    association, editor = people["untrusted"]
    client.force_login(editor)
    too_long = client.post(
        dashboard(client, association, "neu/"),
        form(FRIDAY, "", "", all_day="on", book_room="on"),
    )
    assert too_long.status_code == 400
    assert too_long.context["form"].non_field_errors() == [
        "Buchungen dieses Raums dauern höchstens 600 Minuten."
    ]
    saal.max_duration = 14 * 60
    saal.save()
    sunday = client.post(
        dashboard(client, association, "neu/"),
        form(SUNDAY, "", "", all_day="on", book_room="on"),
    )
    assert sunday.status_code == 400
    assert sunday.context["form"].non_field_errors() == [
        f"Saal kann am {SUNDAY:%d.%m.%Y} nicht für den ganzen Tag gebucht werden. "
        "Bitte geben Sie Beginn und Ende innerhalb der Buchungszeiten an."
    ]
    assert Event.objects.count() == 0
    friday = client.post(
        dashboard(client, association, "neu/"),
        form(FRIDAY, "", "", all_day="on", book_room="on"),
    )
    assert friday.status_code == 302
    event = Event.objects.get()
    assert (event.all_day, local(event.start).time(), local(event.end).time()) == (
        True,
        time(8),
        time(22),
    )
    assert (event.booking.start, event.booking.end, event.booking.status) == (
        event.start,
        event.end,
        "requested",
    )


def test_every_path_keeps_published_events_in_their_rooms(
    client, house, people, staff_with_totp, django_capture_on_commit_callbacks
):
    _house, saal, kueche = house
    staff = staff_with_totp
    taken = taken_by_other(saal, people["other"], staff)
    trusted, trusted_editor = people["trusted"]
    untrusted, untrusted_editor = people["untrusted"]
    office = Client()
    login_with_totp(office, staff, staff.totp_secret)

    # A trusted association's event in a room that needs approval waits for the office.
    client.force_login(trusted_editor)
    client.post(dashboard(client, trusted, "neu/"), form(MONDAY, "10:00", "12:00"))
    morning = Event.objects.get(title="Kochabend")
    client.post(dashboard(client, trusted, f"{morning.pk}/einreichen/"))
    morning.refresh_from_db()
    assert (morning.status, morning.booking.status) == ("submitted", "requested")

    # An untrusted association's event with a room request, submitted.
    client.force_login(untrusted_editor)
    client.post(
        dashboard(client, untrusted, "neu/"),
        form(TUESDAY, title="Lesung", book_room="on"),
    )
    reading = Event.objects.get(title="Lesung")
    assert (reading.status, reading.booking.status) == ("draft", "requested")
    client.post(dashboard(client, untrusted, f"{reading.pk}/einreichen/"))

    # A weekly series in the room without approval: each date holds it at once.
    client.post(
        dashboard(client, untrusted, "neu/"),
        form(THURSDAY, "10:00", "12:00", room="kueche", title="Kochkurs", book_room="on",
             repeat="weekly", count="3"),
    )  # fmt: skip
    course = list(Event.objects.filter(title="Kochkurs").order_by("start"))
    assert [e.booking.status for e in course] == ["approved"] * 3
    for event in course:
        client.post(dashboard(client, untrusted, f"{event.pk}/einreichen/"))

    # VMDO's own event, created in the back office (no association).
    added = office.post(f"{EVENTS}add/", admin_form(saal, MONDAY, time(14), time(16)))
    assert (added.status_code, added.url) == (302, EVENTS)
    festival = Event.objects.get(title_de="Fest der Vielfalt")
    assert (festival.status, festival.booking) == ("draft", None)

    # The office publishes everything: each booking is approved on the way.
    submitted = [morning, reading, *course, festival]
    with django_capture_on_commit_callbacks(execute=True):
        office.post(EVENTS, {"action": "publish", "_selected_action": [e.pk for e in submitted]})
    statuses = {e.title: (e.status, e.booking.status) for e in Event.objects.all()}
    assert statuses == {
        "Kochabend": ("published", "approved"),
        "Lesung": ("published", "approved"),
        "Kochkurs": ("published", "approved"),
        "Fest der Vielfalt": ("published", "approved"),
    }
    festival.refresh_from_db()
    assert festival.booking.association is None
    assert published_events_without_their_room() == []

    # Back office: moving the festival moves its booking; into a taken slot it is refused.
    moved = office.post(
        f"{EVENTS}{festival.pk}/change/", admin_form(saal, MONDAY, time(15), time(17))
    )
    assert moved.status_code == 302
    festival.refresh_from_db()
    assert (local(festival.booking.start).time(), festival.booking.status) == (
        time(15),
        "approved",
    )
    refused = office.post(
        f"{EVENTS}{festival.pk}/change/", admin_form(saal, MONDAY, time(18), time(20))
    )
    assert refused.context["adminform"].form.non_field_errors() == [
        "Der Raum ist zu dieser Zeit bereits gebucht."
    ]
    festival.refresh_from_db()
    assert local(festival.start).time() == time(15)

    # The untrusted association moves its reading to another day and room: the booking
    # moves along (no second booking), the event waits for review again.
    client.force_login(untrusted_editor)
    client.post(
        dashboard(client, untrusted, f"{reading.pk}/bearbeiten/"),
        form(WEDNESDAY, "19:00", "21:00", room="kueche", title="Lesung"),
    )
    reading.refresh_from_db()
    assert (reading.status, reading.booking.room, reading.booking.status) == (
        "submitted",
        kueche,
        "approved",
    )
    assert local(reading.booking.start) == local(reading.start)
    assert Booking.objects.filter(event=reading).count() == 1

    # The trusted association moves its event within the room that needs approval: it
    # stays public only with an approved booking, so it waits for the office again.
    client.force_login(trusted_editor)
    waits = client.post(
        dashboard(client, trusted, f"{morning.pk}/bearbeiten/"),
        form(MONDAY, "11:00", "13:00", title="Kochabend"),
        follow=True,
    )
    assert [m.message for m in waits.context["messages"]][-1] == (
        "Die Veranstaltung wurde gespeichert. Sie wartet wieder auf die Freigabe durch die "
        "VMDO-Geschäftsstelle."
    )
    morning.refresh_from_db()
    assert (morning.status, morning.booking.status) == ("submitted", "requested")
    # ... and into the other association's slot it is refused, nothing changes.
    into_taken = client.post(
        dashboard(client, trusted, f"{morning.pk}/bearbeiten/"),
        form(MONDAY, "18:00", "19:00", title="Kochabend"),
    )
    assert into_taken.status_code == 400
    morning.refresh_from_db()
    assert local(morning.booking.start).time() == time(11)

    # The booking page cannot take the room away from an event.
    client.force_login(untrusted_editor)
    kept = client.post(
        f"/de/mein-verein/{untrusted.slug}/buchungen/{course[0].booking_id}/absagen/",
        follow=True,
    )
    assert errors_of(kept) == [
        "Diese Buchung hält den Raum für die Veranstaltung „Kochkurs“: "
        "Bitte ändern oder sagen Sie stattdessen die Veranstaltung ab."
    ]
    course[0].booking.refresh_from_db()
    assert course[0].booking.status == "approved"

    # Cancelling an event frees its room; a cancelled event is not published again.
    office.post(EVENTS, {"action": "cancel", "_selected_action": [course[0].pk]})
    again = office.post(EVENTS, {"action": "publish", "_selected_action": [course[0].pk]})
    course[0].refresh_from_db()
    course[0].booking.refresh_from_db()
    assert (course[0].status, course[0].booking.status) == ("cancelled", "cancelled")
    assert again.status_code == 302

    taken.refresh_from_db()
    assert taken.status == "approved"
    assert Event.objects.filter(status="published", location_kind="room").count() == 3
    assert published_events_without_their_room() == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_events_published_at_once_for_one_slot_get_the_room_once(staff):
    """The office publishes two events asking for the same slot at the same moment."""
    saal = make_room(make_house())
    submitted = []
    for number in range(2):
        association = AssociationFactory(name=f"Verein {number}")
        editor = member_of(association, Membership.Role.EDITOR, email=f"v{number}@example.org")
        [event] = services.event_create(
            by=editor, title=f"Abend {number}", first_date=MONDAY, start_time=time(18),
            end_time=time(20), associations=[association], location_kind="room", room=saal,
            book_room=True, attendees=20,
        )  # fmt: skip
        submitted.append(services.event_submit(event=event, by=editor))
    barrier = threading.Barrier(2)
    outcomes = []

    def publish(event):
        try:
            barrier.wait()
            outcomes.append(services.event_publish(event=event, by=staff).status)
        except Refused as refused:
            outcomes.append(" ".join(refused.errors))
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(event,)) for event in submitted]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Der Raum ist zu dieser Zeit bereits gebucht.", "published"]
    assert sorted(Event.objects.values_list("status", flat=True)) == ["published", "submitted"]
    assert Booking.objects.filter(status="approved").count() == 1
    assert published_events_without_their_room() == []


def test_a_cancelled_event_gives_its_room_back_even_after_the_cut_off(client, house, people):
    """The room's cut-off binds associations cancelling a booking, not an event that is
    called off: its room is free again, never held by a cancelled event."""
    _house, _saal, kueche = house
    association, editor = people["trusted"]
    client.force_login(editor)
    open_every_day(kueche)  # tomorrow may be a Sunday
    client.post(
        dashboard(client, association, "neu/"), form(tomorrow(), "18:00", "19:00", room="kueche")
    )
    event = Event.objects.get()
    client.post(dashboard(client, association, f"{event.pk}/einreichen/"))
    event.refresh_from_db()
    assert (event.status, event.booking.status) == ("published", "approved")
    kueche.cancel_cutoff_hours = 72
    kueche.save()

    services.event_cancel(event=event, by=editor)

    event.refresh_from_db()
    assert (event.status, event.booking.status) == ("cancelled", "cancelled")


def test_the_bookings_page_sends_an_events_booking_to_its_event(client, house, people):
    """No withdraw, cancel or change buttons that could only answer with a refusal."""
    _house, _saal, _kueche = house
    association, editor = people["trusted"]
    client.force_login(editor)
    client.post(dashboard(client, association, "neu/"), form(MONDAY, room="kueche"))
    event = Event.objects.get()
    client.post(dashboard(client, association, f"{event.pk}/einreichen/"))
    event.refresh_from_db()
    assert event.booking.status == "approved"

    html = client.get(f"/de/mein-verein/{association.slug}/buchungen/").content.decode()
    assert html.count(f"Diese Buchung hält den Raum für die Veranstaltung „{event.title}“") == 1
    assert f"/buchungen/{event.booking.pk}/absagen/" not in html
    assert f"/buchungen/{event.booking.pk}/aendern/" not in html


def test_an_event_over_several_days_in_a_room_is_refused_with_a_message(house, staff_with_totp):
    """One booking is one day: an event from Monday evening to Tuesday would hold only
    part of its time."""
    _house, saal, _kueche = house
    office = Client()
    login_with_totp(office, staff_with_totp, staff_with_totp.totp_secret)
    data = admin_form(saal, MONDAY, time(10), time(12))
    data["end_0"] = TUESDAY.isoformat()
    response = office.post(f"{EVENTS}add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Eine Veranstaltung in einem Raum des Hauses der Vielfalt beginnt und endet am selben "
        "Tag. Für mehrere Tage legen Sie bitte je Tag eine Veranstaltung an."
    ]
    assert Event.objects.count() == 0
    assert Booking.objects.count() == 0


# --- one action, one email per person (facilities.notices) ------------------------


def weekly_events(room, association, editor, count=3):
    return services.event_create(
        by=editor, title="Kochabend", first_date=MONDAY, start_time=time(18), end_time=time(20),
        associations=[association], location_kind="room", room=room, book_room=True,
        attendees=20, series={"frequency": "weekly", "count": count},
    )  # fmt: skip


def dated_lines(message):
    return [text for text in message.body.splitlines() if text.startswith("- ")]


def expected(bookings, room):
    return [
        f"- Kochabend: {room}, {format_date(b.start, 'full', locale='de')}, 18:00–20:00 Uhr."
        for b in sorted(bookings, key=lambda b: b.start)
    ]


def test_publishing_a_series_of_events_in_a_room_sends_one_email(
    client, house, people, staff_with_totp, django_capture_on_commit_callbacks
):
    _, saal, _ = house
    association, editor = people["untrusted"]
    events = weekly_events(saal, association, editor)
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EVENTS, {"action": "publish", "_selected_action": [e.pk for e in events]})
    bookings = Booking.objects.filter(association=association)
    assert Counter(bookings.values_list("status", flat=True)) == {"approved": 3}
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert dated_lines(mail.outbox[0]) == expected(bookings, "Saal")


def test_a_series_of_events_in_a_room_without_approval_sends_one_email(
    house, people, django_capture_on_commit_callbacks
):
    _, _, kueche = house
    association, editor = people["untrusted"]
    with django_capture_on_commit_callbacks(execute=True):
        weekly_events(kueche, association, editor, count=4)
    bookings = Booking.objects.filter(association=association, status="approved")
    assert bookings.count() == 4
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert dated_lines(mail.outbox[0]) == expected(bookings, "Küche")
