"""One office action, one email per person: every batch action that notifies."""

from collections import Counter
from datetime import time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from facilities import services
from facilities.models import Booking, BookingSeries
from members.models import Membership
from tests.factories import ALL_DAY, AssociationFactory, ask, login_with_totp, make_room, member_of
from vmdo_portal.l10n import format_date, format_time

pytestmark = pytest.mark.django_db
BOOKINGS = "/verwaltung/facilities/booking/"
SERIES = "/verwaltung/facilities/bookingseries/"


@pytest.fixture
def office(client, staff_with_totp):
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    return client


@pytest.fixture
def other_booker(db):
    return member_of(
        AssociationFactory(name="Nachbarschaft e.V."),
        Membership.Role.EDITOR,
        email="nachbarn@example.org",
    )


def weekly(room, booker, dates=2, **fields):
    return ask(
        room,
        association=booker.memberships.get().association,
        booker=booker,
        frequency="weekly",
        count=dates,
        **fields,
    )


def line(booking, title="Vereinstreffen", room="Saal", locale="de"):
    """How an email names one date: day per CLDR, local times."""
    day = format_date(booking.start, "full", locale=locale)
    start, end = format_time(booking.start, locale=locale), format_time(booking.end, locale=locale)
    clock = {"de": " Uhr.", "en": "."}[locale]  # the German catalog says "18:00–20:00 Uhr."
    return f"- {title}: {room}, {day}, {start}–{end}{clock}"


def per_recipient():
    return Counter(address for message in mail.outbox for address in message.to)


def body_of(address):
    [message] = [m for m in mail.outbox if m.to == [address]]
    return message


def test_approving_two_dates_and_rejecting_the_overlapping_requests_sends_one_email_each(
    office, room, booker, other_booker, django_capture_on_commit_callbacks
):
    winner = list(weekly(room, booker).bookings.order_by("start"))
    losers = list(weekly(room, other_booker, start_time=time(19), end_time=time(21)).bookings.all())
    third = member_of(AssociationFactory(), email="dritte@example.org")
    single = ask(room, association=third.memberships.get().association, booker=third)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            BOOKINGS,
            {
                "action": "approve_and_reject_overlapping",
                "_selected_action": [b.pk for b in winner],
                "confirm": "1",
            },
        )
    assert Counter(Booking.objects.values_list("status", flat=True)) == {
        "approved": 2,
        "rejected": 3,
    }
    assert per_recipient() == {booker.email: 1, other_booker.email: 1, third.email: 1}
    approved = body_of(booker.email)
    assert approved.subject == "[VMDO] Raumbuchung bestätigt: Vereinstreffen"
    assert [text for text in approved.body.splitlines() if text.startswith("- ")] == [
        line(winner[0]),
        line(winner[1]),
    ]
    rejected = body_of(other_booker.email)
    assert rejected.subject == "[VMDO] Raumbuchung nicht möglich: Vereinstreffen"
    assert [text for text in rejected.body.splitlines() if text.startswith("- ")] == [
        line(booking) for booking in sorted(losers, key=lambda b: b.start)
    ]
    assert rejected.body.count("Begründung: Der Raum wurde an eine andere Anfrage vergeben.") == 2
    assert line(single.bookings.get()) in body_of(third.email).body


def test_approve_action_sends_one_email_per_person_in_their_language(
    office, room, booker, other_booker, django_capture_on_commit_callbacks
):
    other_booker.language = "en"
    other_booker.save()
    mine = list(weekly(room, booker, dates=3).bookings.order_by("start"))
    theirs = list(
        weekly(room, other_booker, start_time=time(10), end_time=time(12)).bookings.order_by(
            "start"
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            BOOKINGS, {"action": "approve", "_selected_action": [b.pk for b in mine + theirs]}
        )
    assert per_recipient() == {booker.email: 1, other_booker.email: 1}
    assert [text for text in body_of(booker.email).body.splitlines() if text.startswith("- ")] == [
        line(booking) for booking in mine
    ]
    english = body_of(other_booker.email)
    assert english.subject == "[VMDO] Room booking approved: Vereinstreffen"
    assert [text for text in english.body.splitlines() if text.startswith("- ")] == [
        line(booking, locale="en") for booking in theirs
    ]


def test_reject_action_sends_one_email_per_person_with_the_reason(
    office, room, booker, other_booker, django_capture_on_commit_callbacks
):
    mine = list(weekly(room, booker).bookings.order_by("start"))
    theirs = list(weekly(room, other_booker, start_time=time(10), end_time=time(12)).bookings.all())
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            BOOKINGS,
            {
                "action": "reject",
                "_selected_action": [b.pk for b in mine + theirs],
                "reason": "Renovierung",
            },
        )
    assert per_recipient() == {booker.email: 1, other_booker.email: 1}
    body = body_of(booker.email).body
    assert [text for text in body.splitlines() if text.startswith("- ")] == [
        line(booking) for booking in mine
    ]
    assert body.count("Begründung: Renovierung") == 2


def test_cancel_action_sends_one_email_per_person(
    office, room, booker, other_booker, staff_with_totp, django_capture_on_commit_callbacks
):
    mine = list(weekly(room, booker, dates=3).bookings.order_by("start"))
    theirs = list(weekly(room, other_booker, start_time=time(10), end_time=time(12)).bookings.all())
    services.bookings_decide(bookings=mine + theirs, decision="approve", by=staff_with_totp)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            BOOKINGS, {"action": "cancel", "_selected_action": [b.pk for b in mine + theirs]}
        )
    assert set(Booking.objects.values_list("status", flat=True)) == {"cancelled"}
    assert per_recipient() == {booker.email: 1, other_booker.email: 1}
    message = body_of(booker.email)
    assert message.subject == "[VMDO] Raumbuchung abgesagt: Vereinstreffen"
    assert [text for text in message.body.splitlines() if text.startswith("- ")] == [
        line(booking) for booking in mine
    ]


def test_series_approve_action_lists_approved_and_skipped_dates_in_one_email(
    office, room, booker, other_booker, staff_with_totp, django_capture_on_commit_callbacks
):
    first = weekly(room, booker, dates=3, start_time=time(10), end_time=time(12))
    second = weekly(room, booker, dates=2, title="Chorprobe")
    blocker = ask(room, association=other_booker.memberships.get().association, booker=other_booker)
    # Approved after the series was requested: the series' first date is taken now.
    services.booking_approve(booking=blocker.bookings.get(), by=staff_with_totp)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(SERIES, {"action": "approve_series", "_selected_action": [first.pk, second.pk]})
    clash, free = second.bookings.order_by("start")
    assert (clash.status, free.status) == ("rejected", "approved")
    assert per_recipient() == {booker.email: 1}
    message = body_of(booker.email)
    assert message.subject == "[VMDO] Entscheidungen zu Ihren Raumbuchungen"
    approved = Booking.objects.filter(series__in=[first, second], status="approved")
    lines = [text for text in message.body.splitlines() if text.startswith("- ")]
    assert lines == [
        *(line(b, title=b.series.title) for b in approved.order_by("start")),
        line(clash, title="Chorprobe"),
    ]
    assert "Begründung: Der Raum ist zu dieser Zeit bereits gebucht." in message.body


def test_a_series_in_a_room_without_approval_sends_one_email(
    house, booker, django_capture_on_commit_callbacks
):
    room = make_room(house, name="Café", slug="cafe", needs_approval=False)
    with django_capture_on_commit_callbacks(execute=True):
        series = weekly(room, booker, dates=4)
    assert per_recipient() == {booker.email: 1}
    assert [t for t in body_of(booker.email).body.splitlines() if t.startswith("- ")] == [
        line(b, room="Café") for b in series.bookings.order_by("start")
    ]


def test_no_email_for_a_decision_that_rolled_back(
    room, booker, staff, django_capture_on_commit_callbacks
):
    booking = ask(room, association=booker.memberships.get().association, booker=booker)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.bookings_decide(bookings=[booking.bookings.get()], decision="approve", by=staff)
        raise RuntimeError
    assert mail.outbox == []
    assert BookingSeries.objects.get().bookings.get().status == "requested"


def test_reminders_send_one_email_per_person_listing_tomorrows_bookings(
    house, booker, other_booker, staff, django_capture_on_commit_callbacks
):
    house.opening_hours = ALL_DAY
    house.save()
    room = make_room(house, bookable_hours=ALL_DAY)
    tomorrow = timezone.localdate() + timedelta(days=1)
    mine = [
        ask(room, association=booker.memberships.get().association, booker=booker,
            first_date=tomorrow, start_time=start, end_time=end, title=title).bookings.get()
        for start, end, title in [(time(10), time(11), "Frühstück"), (time(20), time(21), "Chor")]
    ]  # fmt: skip
    theirs = ask(
        room, association=other_booker.memberships.get().association, booker=other_booker,
        first_date=tomorrow, start_time=time(14), end_time=time(15),
    ).bookings.get()  # fmt: skip
    services.bookings_decide(bookings=[*mine, theirs], decision="approve", by=staff)
    mail.outbox.clear()
    out = StringIO()
    call_command("send_booking_reminders", stdout=out)
    call_command("send_booking_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["2 reminders sent.", "0 reminders sent."]
    assert per_recipient() == {booker.email: 1, other_booker.email: 1}
    message = body_of(booker.email)
    assert message.subject == "[VMDO] Erinnerung: Ihre Raumbuchungen morgen"
    assert [text for text in message.body.splitlines() if text.startswith("- ")] == [
        line(mine[0], title="Frühstück"),
        line(mine[1], title="Chor"),
    ]
    assert body_of(other_booker.email).subject == "[VMDO] Erinnerung: Vereinstreffen morgen"
