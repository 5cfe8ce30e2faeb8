"""The registration email says where and when (per CLDR, in the registrant's language),
links to the event, and carries the event as an .ics file, also through the worker."""

import email
import email.policy
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import icalendar
import pytest
from babel import Locale
from babel.dates import format_date, format_interval
from django.core import mail
from django.core.management import call_command
from django.tasks import task_backends
from django_tasks_db.models import DBTaskResult

from events import services
from events.models import Event
from events.templatetags.event_text import event_place, event_when
from tests.conftest import restore_reference_data
from tests.factories import ALL_DAY, SOON, make_house, make_room

BERLIN = ZoneInfo("Europe/Berlin")
PLACE = "Saal, Nachbarschaftshaus Nord, Bornstraße 5, 44135 Dortmund"


@pytest.fixture
def room_event(make_event):
    house = make_house(name="Nachbarschaftshaus Nord", street="Bornstraße 5", postal_code="44135")
    room = make_room(house, bookable_hours=ALL_DAY)
    return make_event(
        title="Sprachcafé", location_kind=Event.Location.ROOM, room=room, address="",
        registration=Event.RegistrationMode.PORTAL, capacity=2,
    )  # fmt: skip


def when(language: str) -> str:
    """Babel's CLDR text of SOON 17:00–19:00: the full date and the time span, joined by
    the locale's date-time pattern."""
    day = format_date(SOON, "full", locale=language)
    start, end = (datetime.combine(SOON, datetime.min.time()).replace(hour=h) for h in (17, 19))
    times = format_interval(start.time(), end.time(), "Hm", locale=language)
    return (
        str(Locale.parse(language).datetime_formats["full"])
        .replace("{1}", day)
        .replace("{0}", times)
    )


def wire(message):
    """The message as it is sent, parsed back."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def calendar_of(message) -> icalendar.Event:
    [part] = wire(message).iter_attachments()
    assert (part.get_content_type(), part.get_param("method"), part.get_filename()) == (
        "text/calendar",
        "PUBLISH",
        "sprachcafe-" + f"{SOON:%Y-%m-%d}.ics",
    )
    calendar = icalendar.Calendar.from_ical(part.get_content())
    assert str(calendar["METHOD"]) == "PUBLISH"
    [entry] = calendar.walk("VEVENT")
    return entry


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "tr"])
def test_the_confirmation_says_where_and_when_and_carries_the_event(
    room_event, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(
            event=room_event, name="Gast", email="gast@example.org", people=2,
            language=language, email_verified=True,
        )  # fmt: skip
    [message] = mail.outbox
    url = f"http://127.0.0.1:8000/{language}/veranstaltungen/{room_event.slug}/"
    cancel = (
        f"http://127.0.0.1:8000/{language}/veranstaltungen/abmelden/{registration.cancel_token}/"
    )
    if language == "de":
        assert wire(message).get_body().get_content() == (
            "Hallo Gast,\n\n"
            "Sie sind angemeldet. 2 Personen.\n\n"
            "Sprachcafé\n"
            f"Wann: {when('de')}\n"
            f"Wo: {PLACE}\n"
            f"Zur Veranstaltung: {url}\n\n"
            "Mit der angehängten Kalenderdatei (.ics) tragen Sie die Veranstaltung in Ihren "
            "Kalender ein.\n\n"
            "Falls Sie nicht kommen können, melden Sie sich bitte hier ab, damit jemand anderes "
            "Ihren Platz bekommt:\n"
            f"{cancel}\n"
        )
    else:
        lines = message.body.splitlines()
        start = lines.index("Sprachcafé")
        assert lines[start : start + 4] == [
            "Sprachcafé",
            f"Ne zaman: {when('tr')}",
            f"Nerede: {PLACE}",
            f"Etkinlik sayfası: {url}",
        ]
        assert cancel in lines
    entry = calendar_of(message)
    assert (
        entry.decoded("DTSTART"),
        entry.decoded("DTEND"),
        str(entry["UID"]),
        str(entry["SUMMARY"]),
        str(entry["LOCATION"]),
        str(entry["URL"]),
    ) == (
        datetime.combine(SOON, datetime.min.time()).replace(hour=17, tzinfo=BERLIN),
        datetime.combine(SOON, datetime.min.time()).replace(hour=19, tzinfo=BERLIN),
        f"event-{room_event.pk}@127.0.0.1",
        "Sprachcafé",
        PLACE,
        url,
    )

    # The waiting list gets the same place and time, no calendar file; moving up does.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        waiting = services.registration_create(
            event=room_event, name="Zweite", email="zweite@example.org", people=2,
            language=language, email_verified=True,
        )  # fmt: skip
    assert waiting.status == "waiting"
    assert f"{PLACE}\n" in mail.outbox[0].body
    assert list(wire(mail.outbox[0]).iter_attachments()) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=registration)
    moved_up = mail.outbox[1]
    assert moved_up.to == ["zweite@example.org"]
    assert str(calendar_of(moved_up)["UID"]) == f"event-{room_event.pk}@127.0.0.1"


@pytest.mark.django_db(transaction=True)
def test_the_worker_builds_the_calendar_file_from_the_event_row(settings, make_event):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    restore_reference_data()
    event = make_event(
        title="Sprachcafé", location_kind=Event.Location.ONLINE, address="",
        online_url="https://meet.example.org/sprachcafe", online_url_after_registration=True,
        registration=Event.RegistrationMode.PORTAL, capacity=5,
    )  # fmt: skip
    services.registration_create(
        event=event, name="Gast", email="gast@example.org", language="de", email_verified=True
    )
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs["kwargs"]["attachments"] == [
        [
            "events.calendar_data.registration_attachment",
            {"__model__": "events.Event", "pk": event.pk},
        ]
    ]
    Event.objects.filter(pk=event.pk).update(title="Sprachcafé (neu)")
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    [message] = mail.outbox
    assert "Wo: online\n" in message.body
    assert "Online-Link: https://meet.example.org/sprachcafe\n" in message.body
    entry = calendar_of_named(message, f"{event.slug}.ics")
    assert (str(entry["SUMMARY"]), str(entry["LOCATION"])) == (
        "Sprachcafé (neu)",
        "https://meet.example.org/sprachcafe",
    )


def calendar_of_named(message, filename):
    [part] = wire(message).iter_attachments()
    assert part.get_filename() == filename
    [entry] = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")
    return entry


def test_all_day_events_and_online_places_read_right():
    start = datetime(2026, 12, 14, tzinfo=BERLIN)
    one_day = Event(all_day=True, start=start, end=start + timedelta(days=1))
    three_days = Event(all_day=True, start=start, end=start + timedelta(days=3))
    online = Event(location_kind=Event.Location.ONLINE)
    from django.utils import translation

    with translation.override("tr"):
        assert event_when(one_day) == format_date(start.date(), "full", locale="tr")
        assert event_when(three_days) == format_interval(
            start.date(), start.date() + timedelta(days=2), "yMMMMEEEEd", locale="tr"
        )
        assert event_place(online) == "çevrim içi"
