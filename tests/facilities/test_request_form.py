"""The room request form: conflicting dates and the choice to skip them, first in the form."""

import html as html_lib
import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from facilities import services
from facilities.models import Booking, Closure
from tests.facilities.test_bookings import REQUEST
from tests.factories import NEXT_MONDAY, ask
from vmdo_portal.l10n import format_date
from vmdo_portal.recurrence import local_instant

pytestmark = pytest.mark.django_db

SERIES = {**REQUEST, "count": "8", "weekdays": ["0", "6"]}  # Mondays and Sundays


@pytest.fixture
def url(association):
    return f"/de/mein-verein/{association.slug}/buchungen/neu/"


@pytest.fixture
def busy_room(room, house, staff):
    """The second Monday is booked, the first closed; Sundays the house is closed."""
    taken = ask(room, first_date=NEXT_MONDAY + timedelta(days=7))
    services.booking_approve(booking=taken.bookings.get(), by=staff)
    Closure.objects.create(
        facility=house,
        room=room,
        start=local_instant(NEXT_MONDAY, time(0)),
        end=local_instant(NEXT_MONDAY + timedelta(days=1), time(0)),
        reason="Malerarbeiten",
        created_by=staff,
    )
    return room


def block_of(response):
    """The first element in the request form, and the form's text from there."""
    page = response.content.decode()
    form = page.split('<form method="post" class="form" novalidate>', 1)[1]
    form = re.sub(r'^\s*<input type="hidden" name="csrfmiddlewaretoken"[^>]*>\s*', "", form)
    return form


def skip_button(form):
    """The block's button: the dates it skips, and its words."""
    value, words = re.search(
        r'<button type="submit" name="skip_dates" value="([^"]*)">([^<]*)</button>', form
    ).groups()
    return html_lib.unescape(value), words


def conflict_lines(form):
    items = re.findall(
        r"<li>(.*?)</li>", form.split('<ul class="conflict-list">')[1].split("</ul>")[0]
    )
    return [html_lib.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


def line(day, reason):
    return f"{format_date(day, 'yMEd', locale='de')}, 18:00–20:00 Uhr: {reason}"


def test_conflicts_and_the_skip_choice_come_first_in_the_form(
    client, busy_room, association, booker, url
):
    client.force_login(booker)
    response = client.post(url, {**SERIES, "submit": "1"})
    assert response.status_code == 400
    assert Booking.objects.filter(association=association).count() == 0
    form = block_of(response)
    assert form.startswith(
        '<div class="form-errors error-summary" id="request-problems" tabindex="-1" autofocus'
    )
    assert form.index('<button type="submit" name="skip_dates"') < form.index("<fieldset")
    sunday = NEXT_MONDAY + timedelta(days=6)
    outside = "Der Raum kann zu dieser Zeit nicht gebucht werden."
    assert conflict_lines(form) == [
        line(NEXT_MONDAY, "Der Raum ist geschlossen: Malerarbeiten"),
        line(sunday, outside),
        line(NEXT_MONDAY + timedelta(days=7), "Der Raum ist zu dieser Zeit bereits gebucht."),
        line(sunday + timedelta(days=7), outside),
        line(sunday + timedelta(days=14), outside),
        line(sunday + timedelta(days=21), outside),
    ]
    assert '<h2 id="request-problems-title">Diese 6 Termine sind nicht frei</h2>' in form
    skip = (
        NEXT_MONDAY,
        NEXT_MONDAY + timedelta(days=7),
        *(sunday + timedelta(days=7 * n) for n in range(4)),
    )
    assert skip_button(form) == (
        " ".join(sorted(day.isoformat() for day in skip)),
        "Die nicht freien Termine auslassen und die übrigen 2 anfragen",
    )


def test_choosing_to_skip_requests_the_other_dates_only(
    client, busy_room, association, booker, url
):
    client.force_login(booker)
    form = block_of(client.post(url, {**SERIES, "check": "1"}))
    skip, _words = skip_button(form)
    sent = client.post(url, {**SERIES, "skip_dates": skip})  # the block's button
    assert sent.status_code == 302
    zone = timezone.get_current_timezone()
    days = [
        b.start.astimezone(zone).date()
        for b in Booking.objects.filter(association=association).order_by("start")
    ]
    assert days == [NEXT_MONDAY + timedelta(days=14), NEXT_MONDAY + timedelta(days=21)]


def test_a_new_conflict_since_the_choice_is_shown_again_and_nothing_is_requested(
    client, busy_room, association, booker, staff, url
):
    client.force_login(booker)
    form = block_of(client.post(url, {**SERIES, "check": "1"}))
    skip, _words = skip_button(form)
    third = NEXT_MONDAY + timedelta(days=14)
    services.booking_approve(booking=ask(busy_room, first_date=third).bookings.get(), by=staff)
    again = client.post(url, {**SERIES, "skip_dates": skip})
    assert again.status_code == 400
    assert Booking.objects.filter(association=association).count() == 0
    form = block_of(again)
    assert line(third, "Der Raum ist zu dieser Zeit bereits gebucht.") in conflict_lines(form)
    assert third.isoformat() in skip_button(form)[0]


def test_a_stale_skip_list_never_drops_a_date_that_is_free_now(
    client, busy_room, association, booker, url
):
    client.force_login(booker)
    form = block_of(client.post(url, {**SERIES, "check": "1"}))
    skip, _words = skip_button(form)
    Booking.objects.filter(status="approved").update(
        status="cancelled"
    )  # the second Monday is free
    sent = client.post(url, {**SERIES, "skip_dates": skip})
    assert sent.status_code == 302
    zone = timezone.get_current_timezone()
    days = [
        b.start.astimezone(zone).date()
        for b in Booking.objects.filter(association=association).order_by("start")
    ]
    assert days == [NEXT_MONDAY + timedelta(days=7 * n) for n in (1, 2, 3)]


def test_a_request_without_conflicts_shows_no_block(client, room, association, booker, url):
    client.force_login(booker)
    response = client.post(url, {**REQUEST, "check": "1"})
    assert response.status_code == 200
    assert 'id="request-problems"' not in response.content.decode()
