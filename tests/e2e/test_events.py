"""Journeys of the calendar: register for an Arabic-speaking event; submit and publish an event."""

import re
from datetime import time, timedelta
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone

from events import services
from events.models import Event, Registration
from members.models import Membership
from tests.e2e.test_facilities import sign_in, sign_out
from tests.factories import (
    AssociationFactory,
    UserFactory,
    make_house,
    make_room,
    member_of,
    totp_enable,
)


def test_visitor_filters_events_by_language_and_registers(visitor):
    page = visitor.page
    staff = UserFactory(is_staff=True, email="redaktion@example.org")
    soon = timezone.localdate() + timedelta(days=5)
    for title, language in [("Arabisches Erzählcafé", "ar"), ("Polnischer Abend", "pl")]:
        event = services.event_create(
            by=staff, title=title, first_date=soon, start_time=time(17), end_time=time(19),
            location_kind="address", address="Nordmarkt 1, Dortmund", languages=[language],
            registration="portal", capacity=1,
        )[0]  # fmt: skip
        services.event_publish(event=event, by=staff)
    services.registration_create(
        event=Event.objects.get(title="Arabisches Erzählcafé"),
        name="Erste",
        email="erste@example.org",
        email_verified=True,
    )

    visitor.goto("/ar/veranstaltungen/")
    page.locator(".filter-panel summary").click()  # the filters are folded
    page.locator("#id_language").select_option("ar")
    page.locator(".filter-panel button[type=submit]").click()
    page.wait_for_url(re.compile(r"language=ar"))
    visitor.check()
    assert page.locator(".card h3 a").all_inner_texts() == ["Arabisches Erzählcafé"]
    page.locator(".card h3 a").first.click()
    visitor.check()
    page.locator("#id_name").fill("Samira")
    page.locator("#id_email").fill("samira@example.org")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state("load")
    visitor.check()
    # Not registered yet: the email to the address holds only the event and a link.
    assert Registration.objects.get(email="samira@example.org").status == "pending"
    assert page.locator(".messages").count() == 1
    [message] = [m for m in mail.outbox if m.to == ["samira@example.org"]]
    assert "Samira" not in message.body
    link = re.search(r"http://\S+/veranstaltungen/bestaetigen/\S+/", message.body).group(0)
    visitor.goto(urlsplit(link).path)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    visitor.check()
    assert (
        Registration.objects.get(email="samira@example.org").status == "waiting"
    )  # the one place was taken
    assert page.locator(".messages").count() == 1

    visitor.goto("/ar/veranstaltungen/?ansicht=monat&monat=" + soon.strftime("%Y-%m"))
    assert page.locator(".month-event").count() == 2


def test_association_submits_an_event_with_a_room_and_staff_publish_it(visitor):
    page = visitor.page
    make_room(make_house())
    association = AssociationFactory(name="Theaterverein")
    member_of(association, Membership.Role.ADMIN, email="theater@example.org")
    staff = UserFactory(is_staff=True, is_superuser=True, email="raum@example.org")
    secret = totp_enable(staff)
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday() + 7)

    sign_in(visitor, "theater@example.org")
    visitor.goto(f"/de/mein-verein/{association.slug}/veranstaltungen/neu/")
    page.locator("#id_title").fill("Theaterabend")
    page.locator("#id_first_date").fill(monday.isoformat())
    page.locator("#id_start_time").fill("19:00")
    page.locator("#id_end_time").fill("21:00")
    page.locator("input[name=location_kind][value=room]").check()
    page.locator("#id_room").select_option("saal")
    page.locator("#id_attendees").fill("40")
    page.locator("input[name=languages][value=tr]").check()
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/mein-verein/{association.slug}/veranstaltungen/$"))
    visitor.check()
    event = Event.objects.get(title="Theaterabend")
    assert (event.status, event.booking.status) == ("draft", "requested")
    page.locator(f"form[action$='/{event.pk}/einreichen/'] button").click()
    page.wait_for_load_state("load")
    visitor.check()
    sign_out(visitor)

    sign_in(visitor, "raum@example.org", secret)
    visitor.goto("/verwaltung/events/event/")
    visitor.check()
    page.locator(f"input[name=_selected_action][value='{event.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    page.wait_for_load_state("load")
    visitor.check()
    visitor.goto("/verwaltung/facilities/booking/")
    page.locator(f"input[name=_selected_action][value='{event.booking_id}']").check()
    page.locator("select[name=action]").select_option("approve")
    page.locator("button[name=index]").click()
    page.wait_for_load_state("load")
    event.refresh_from_db()
    assert (event.status, event.booking.status) == ("published", "approved")

    visitor.goto(event.get_absolute_url())
    assert page.locator("h1").inner_text() == "Theaterabend"
    visitor.goto("/de/haus-der-vielfalt/raeume/saal/?woche=" + monday.isoformat())
    assert "Theaterabend" in page.locator("main").inner_text()  # public event on the room page
