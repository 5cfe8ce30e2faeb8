"""The calendar in the back office: publish, send back, cancel, duplicate, export."""

import io

import pytest
from django.core import mail
from openpyxl import load_workbook

from events import services
from events.models import Event, Registration
from tests.factories import login_with_totp

pytestmark = pytest.mark.django_db
EVENTS = "/verwaltung/events/event/"


@pytest.fixture
def office(client, staff_with_totp):
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    return client


def test_publish_and_send_back_with_a_reason(
    office, make_event, editor, association, django_capture_on_commit_callbacks
):
    event = make_event(publish=False, associations=[association], by=editor)
    office.post(EVENTS, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == "published"
    ask = office.post(EVENTS, {"action": "send_back", "_selected_action": [event.pk]})
    assert ask.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            EVENTS,
            {
                "action": "send_back",
                "_selected_action": [event.pk],
                "reason": "Bitte Uhrzeit prüfen",
            },
        )
    event.refresh_from_db()
    assert (event.status, event.review_note) == ("draft", "Bitte Uhrzeit prüfen")
    assert mail.outbox[-1].to == [editor.email]
    assert "Bitte Uhrzeit prüfen" in mail.outbox[-1].body


def test_cancel_duplicate_and_export(office, make_event):
    event = make_event(registration="portal", capacity=3, languages=["ar"])
    services.registration_create(
        event=event, name="Amal", email="amal@example.org", people=2, email_verified=True
    )
    export = office.post(
        EVENTS, {"action": "export_attendees_xlsx", "_selected_action": [event.pk]}
    )
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [cell.value for cell in sheet[1]][:5] == [
        "Name",
        "E-Mail",
        "Anzahl der Personen",
        "Status",
        "Sprache",
    ]
    assert [cell.value for cell in sheet[2]][:5] == [
        "Amal",
        "amal@example.org",
        2,
        "bestätigt",
        "Deutsch",
    ]
    office.post(EVENTS, {"action": "duplicate", "_selected_action": [event.pk]})
    copy = Event.objects.exclude(pk=event.pk).get()
    assert (copy.status, copy.title, [e.code for e in copy.languages.all()]) == (
        "draft",
        event.title,
        ["ar"],
    )
    office.post(EVENTS, {"action": "cancel", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert Registration.objects.get().status == "confirmed"  # kept, and they were emailed


@pytest.mark.parametrize("rows", [1, 20])
def test_changelist_query_count_does_not_grow(office, make_event, django_assert_num_queries, rows):
    for number in range(rows):
        make_event(title=f"Termin {number}")
    with django_assert_num_queries(10):
        response = office.get(EVENTS)
    assert response.context["cl"].result_count == rows


def test_events_admin_is_staff_only(client, make_event, user):
    make_event()
    assert client.get(EVENTS).status_code == 302
    client.force_login(user)
    assert client.get(EVENTS, follow=True).status_code == 403


@pytest.mark.parametrize(
    ("codenames", "published", "exported"),
    [
        (["view_event"], False, False),
        (["view_event", "change_event"], True, False),
        (["view_event", "change_event", "view_registration"], True, True),
    ],
)
def test_actions_need_their_permissions(
    client, make_event, association, codenames, published, exported
):
    """Publishing needs the change permission, attendee lists the registrations' view."""
    from django.contrib.auth.models import Permission

    from tests.factories import sign_in_with_second_factor, staff_in

    event = make_event(publish=False, associations=[association])
    Registration.objects.create(event=event, name="Ada", email="ada@example.org")
    staff = staff_in()
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__in=codenames)
    )
    sign_in_with_second_factor(client, staff)
    client.post(EVENTS, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert (event.status == "published") is published
    export = client.post(EVENTS, {"action": "export_attendees", "_selected_action": [event.pk]})
    assert ("ada@example.org" in export.content.decode()) is exported


def test_a_copy_is_named_after_its_local_day_and_german_title(make_event):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation

    from tests.factories import UserFactory

    event = make_event(title="Nachtcafé")
    # 00:30 in Dortmund is still the day before in UTC.
    start = datetime(2031, 3, 5, 0, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    Event.objects.filter(pk=event.pk).update(start=start, end=start.replace(hour=2))
    event.refresh_from_db()
    with translation.override("tr"):
        copy = services.event_duplicate(event=event, by=UserFactory())
    assert copy.slug == "nachtcafe-2031-03-05"
