"""Journey: a weekly room request with one conflicting week, approval, and one cancellation."""

import re
from datetime import time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from facilities import services
from facilities.models import Booking
from members.models import Membership
from tests.factories import (
    PASSWORD,
    AssociationFactory,
    UserFactory,
    make_house,
    make_room,
    member_of,
    totp_code,
    totp_enable,
)


def sign_in(visitor, email, secret=None):
    page = visitor.page
    visitor.goto("/de/konto/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    if secret:
        page.wait_for_url(re.compile(r"/2fa/authenticate/"))
        page.locator("#id_code").fill(totp_code(secret))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")


def sign_out(visitor):
    visitor.page.get_by_role("button", name="Abmelden").click()
    visitor.page.wait_for_load_state("load")


def test_association_requests_a_series_skips_a_conflict_staff_approve_it_and_one_date_is_cancelled(
    visitor,
):
    page = visitor.page
    house = make_house()
    room = make_room(house)
    association = AssociationFactory(name="Chor Vielfalt")
    member_of(association, Membership.Role.ADMIN, email="chor@example.org")
    staff = UserFactory(is_staff=True, is_superuser=True, email="raum@example.org")
    secret = totp_enable(staff)
    today = timezone.localdate()
    first = today + timedelta(days=7 - today.weekday() + 7)  # a Monday in two weeks
    other = services.booking_request(
        room=room, association=AssociationFactory(name="Anderer Verein"), requested_by=None,
        title="Belegt", attendees=5, first_date=first + timedelta(days=7),
        start_time=time(18, 30), end_time=time(19, 30),
    )  # fmt: skip
    services.booking_approve(booking=other.bookings.get(), by=staff)

    sign_in(visitor, "chor@example.org")
    visitor.goto(f"/de/mein-verein/{association.slug}/")
    page.get_by_role("link", name="Raum anfragen").click()
    visitor.check()
    page.locator("#id_title").fill("Chorprobe")
    page.locator("#id_attendees").fill("25")
    page.locator("#id_first_date").fill(first.isoformat())
    page.locator("#id_start_time").fill("18:00")
    page.locator("#id_end_time").fill("20:00")
    page.locator("input[name=frequency][value=weekly]").check()
    page.locator("#id_count").fill("4")
    page.get_by_role("button", name="Verfügbarkeit prüfen").click()
    page.wait_for_load_state("load")
    visitor.check()
    assert page.locator(".plan .conflict").count() == 1
    page.get_by_role("button", name="Die nicht freien Termine auslassen").click()
    page.wait_for_url(re.compile(rf"/de/mein-verein/{association.slug}/buchungen/$"))
    visitor.check()
    assert Booking.objects.filter(association=association, status="requested").count() == 3
    sign_out(visitor)

    sign_in(visitor, "raum@example.org", secret)
    visitor.goto("/verwaltung/facilities/bookingseries/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("approve_series")
    page.locator("button[name=index]").click()
    page.wait_for_load_state("load")
    visitor.check()
    assert "3" in page.locator(".messagelist").inner_text()
    sign_out(visitor)

    sign_in(visitor, "chor@example.org")
    visitor.goto(f"/de/mein-verein/{association.slug}/buchungen/")
    assert page.get_by_role("button", name=re.compile("Diesen Termin absagen")).count() == 3
    page.get_by_role("button", name=re.compile("Diesen Termin absagen")).first.click()
    page.wait_for_load_state("load")
    visitor.check()
    statuses = sorted(
        Booking.objects.filter(association=association).values_list("status", flat=True)
    )
    assert statuses == ["approved", "approved", "cancelled"]


def test_on_a_phone_the_conflicting_dates_and_the_skip_choice_are_in_view_after_sending(visitor):
    """360 × 740: after sending a series with a taken date, the block with the dates and the
    choice to skip them is where the eye is (focused, no scrolling), then skipping works."""
    page = visitor.page
    page.set_viewport_size({"width": 360, "height": 740})
    room = make_room(make_house())
    association = AssociationFactory(name="Chor Vielfalt")
    member_of(association, Membership.Role.ADMIN, email="chor@example.org")
    staff = UserFactory(is_staff=True, email="raum@example.org")
    today = timezone.localdate()
    first = today + timedelta(days=7 - today.weekday() + 7)  # a Monday in two weeks
    taken = services.booking_request(
        room=room, association=AssociationFactory(name="Anderer Verein"), requested_by=None,
        title="Belegt", attendees=5, first_date=first + timedelta(days=7),
        start_time=time(18, 30), end_time=time(19, 30),
    )  # fmt: skip
    services.booking_approve(booking=taken.bookings.get(), by=staff)

    sign_in(visitor, "chor@example.org")
    visitor.goto(f"/de/mein-verein/{association.slug}/buchungen/neu/")
    page.locator("#id_title").fill("Chorprobe")
    page.locator("#id_attendees").fill("25")
    page.locator("#id_first_date").fill(first.isoformat())
    page.locator("#id_start_time").fill("18:00")
    page.locator("#id_end_time").fill("20:00")
    page.locator("input[name=frequency][value=weekly]").check()
    page.locator("#id_count").fill("4")
    page.get_by_role("button", name="Anfrage senden", exact=True).click()
    page.wait_for_load_state("load")
    visitor.check()
    # The refused request answers 400 Bad Request on purpose; Chromium logs that.
    assert visitor.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    visitor.console_errors.clear()
    block = page.locator("#request-problems")
    assert page.evaluate("document.activeElement.id") == "request-problems"
    expect(block).to_be_in_viewport()
    assert block.get_by_role("listitem").count() == 1
    skip = block.get_by_role(
        "button", name="Die nicht freien Termine auslassen und die übrigen 3 anfragen"
    )
    expect(skip).to_be_in_viewport(ratio=1)
    skip.click()
    page.wait_for_url(re.compile(rf"/de/mein-verein/{association.slug}/buchungen/$"))
    visitor.check()
    assert Booking.objects.filter(association=association, status="requested").count() == 3


def test_room_page_and_house_page_pass_axe_in_german_and_arabic(visitor):
    house = make_house()
    make_room(house)
    for language in ["de", "ar"]:
        visitor.goto(f"/{language}/haus-der-vielfalt/")
        visitor.goto(f"/{language}/haus-der-vielfalt/raeume/saal/")
