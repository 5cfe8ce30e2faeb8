"""Dates, times and numbers as CLDR writes them in the reader's language, in pages and
emails. Every expectation is computed with Babel straight from CLDR, not with our code."""

import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, format_time, get_day_names
from babel.numbers import format_decimal
from django import forms
from django.core import mail
from django.template import Context, Template
from django.utils import formats, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from events import services as events
from events.models import Event
from facilities import services as facilities
from members.models import Membership
from tests.factories import (
    ALL_DAY,
    AssociationFactory,
    UserFactory,
    make_house,
    make_room,
    member_of,
)
from vmdo_portal import l10n
from vmdo_portal.forms import DateField

LANGUAGES = ["de", "tr", "uk", "ar", "fa", "ru", "pl"]
NEXT_YEAR = date.today().year + 1
# 1 December: day and month differ, so "12/01" vs "01/12" tells the order apart.
FIRST_OF_DECEMBER = date(NEXT_YEAR, 12, 1)


def cldr_when(day: date, start: time, end: time, language: str, width: str = "full") -> str:
    """The day, and the times as one CLDR interval, joined by the locale's date-time pattern."""
    locale = Locale.parse(language)
    skeleton = "Hm" if "H" in locale.time_formats["short"].pattern else "hm"
    times = format_interval(start, end, skeleton, locale=language)
    pattern = str(locale.datetime_formats[width])
    return pattern.replace("{1}", format_date(day, width, locale=language)).replace("{0}", times)


def cldr_datetime(moment: datetime, language: str) -> str:
    """Medium date and short time, joined as CLDR's medium date-time pattern says."""
    locale = Locale.parse(language)
    return (
        str(locale.datetime_formats["medium"])
        .replace("{1}", format_date(moment.date(), "medium", locale=language))
        .replace("{0}", format_time(moment.time(), "short", locale=language))
    )


# --- the module ----------------------------------------------------------------------


def test_aware_times_are_shown_in_berlin_across_the_autumn_dst_change():
    # 25 October 2026: the clocks go back at 03:00 CEST = 01:00 UTC.
    before = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    after = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    evening = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # already the 25th in Berlin
    with translation.override("de"):
        assert [l10n.format_time(before), l10n.format_time(after)] == ["02:30", "02:30"]
        assert l10n.format_datetime(evening) == "25.10.2026, 00:30"
        assert l10n.format_date(evening, "full") == "Sonntag, 25. Oktober 2026"
        assert l10n.format_time(after, "full") == "02:30:00 Mitteleuropäische Normalzeit"
        assert l10n.format_time(before, "full") == "02:30:00 Mitteleuropäische Sommerzeit"
        # A naive value is taken as local time, not as UTC.
        assert l10n.format_time(datetime(2026, 3, 29, 3, 30)) == "03:30"
    with translation.override("en"):
        assert l10n.format_time(datetime(2026, 3, 29, 1, 30, tzinfo=UTC)) == "3:30\u202fAM"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_module_writes_what_cldr_says(language):
    start = datetime(2026, 12, 11, 18, 0, tzinfo=UTC)  # 19:00 in Berlin
    end = start + timedelta(hours=2)
    with translation.override(language):
        assert l10n.format_date(start, "full") == format_date(
            date(2026, 12, 11), "full", locale=language
        )
        assert l10n.format_month_year(start) == format_skeleton(
            "yMMMM", date(2026, 12, 1), locale=language
        )
        assert (
            l10n.format_weekday(start, "wide")
            == get_day_names("wide", "stand-alone", locale=language)[4]
        )
        assert l10n.format_when(start, end) == cldr_when(
            date(2026, 12, 11), time(19), time(21), language
        )
        assert l10n.format_datetime(start) == cldr_datetime(datetime(2026, 12, 11, 19), language)
        assert l10n.format_number(Decimal("1234.5")) == format_decimal(
            Decimal("1234.5"), locale=language
        )
    # Latin digits everywhere (CLDR's "latn" numbering system), Farsi included.
    assert l10n.format_number(1234.5, locale="fa") == "1,234.5"
    assert l10n.format_number(1234.5, locale="uk") == "1\xa0234,5"
    assert l10n.format_number(1234.5, locale="de") == "1.234,5"


def test_the_filters_leave_empty_values_empty_and_take_skeletons():
    template = Template(
        '{% load cldr %}[{{ none|cldr_date }}][{{ blank|cldr_datetime }}][{{ day|cldr_date:"yMEd" }}]'
        "[{{ day|cldr_weekday }}][{{ area|cldr_number }}]"
    )
    context = Context(
        {"none": None, "blank": "", "day": date(2026, 12, 11), "area": Decimal("45.5")}
    )
    with translation.override("tr"):
        assert template.render(context) == (
            f"[][][{format_skeleton('yMEd', date(2026, 12, 11), locale='tr')}][Cum][45,5]"
        )


@pytest.mark.parametrize("language", ["de", "tr", "ar"])
def test_a_date_limit_message_writes_the_limit_as_a_date_of_the_locale(language):
    field = DateField()
    limit = format_date(date(1900, 1, 1), "medium", locale=language)
    with translation.override(language):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean("1899-12-31")
        message = gettext("Please enter a date from %(limit_value)s on.") % {"limit_value": limit}
        assert refused.value.messages == [message]
    if language == "de":
        assert message == "Bitte geben Sie ein Datum ab dem 01.01.1900 ein."


# --- pages and emails ------------------------------------------------------------------


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, email="redaktion@example.org")


@pytest.fixture
def association(db):
    return AssociationFactory(name="Kulturbrücke")


@pytest.fixture
def december_event(staff, association):
    [event] = events.event_create(
        by=staff, title="Sprachcafé", first_date=FIRST_OF_DECEMBER, start_time=time(17),
        end_time=time(19), location_kind=Event.Location.ADDRESS, address="Nordmarkt, Dortmund",
        associations=[association], registration=Event.RegistrationMode.PORTAL, capacity=10,
    )  # fmt: skip
    return events.event_publish(event=event, by=staff)


def text_of(pattern: str, html: str) -> list[str]:
    return [strip_tags(found).strip() for found in re.findall(pattern, html, re.S)]


@pytest.mark.django_db
def test_event_pages_and_the_dashboard_write_dates_per_cldr(client, december_event, association):
    editor = member_of(association, Membership.Role.EDITOR)
    client.force_login(editor)
    for language in LANGUAGES:
        detail = client.get(f"/{language}/veranstaltungen/{december_event.slug}/").content.decode()
        assert text_of(r'<dd><time datetime="[^"]+">(.*?)</time>', detail) == [
            cldr_when(FIRST_OF_DECEMBER, time(17), time(19), language)
        ]
        dashboard = client.get(
            f"/{language}/mein-verein/{association.slug}/veranstaltungen/"
        ).content.decode()
        moment = datetime.combine(FIRST_OF_DECEMBER, time(17))
        cells = text_of(r"<td[^>]*>(.*?)</td>", dashboard.split("<tbody>", 1)[1])
        assert cells[0] == cldr_datetime(moment, language)
        assert f"12/01/{NEXT_YEAR}" not in dashboard
    # The Arabic dashboard: day first, as CLDR's Arabic writes it.
    assert cldr_datetime(moment, "ar") == f"01\u200f/12\u200f/{NEXT_YEAR}، 5:00 م"

    for language in ("ar", "uk"):
        month = client.get(
            f"/{language}/veranstaltungen/?ansicht=monat&monat={NEXT_YEAR}-12"
        ).content.decode()
        with translation.override(language):
            first = int(formats.get_format("FIRST_DAY_OF_WEEK"))  # 0 = Sunday
        names = get_day_names("abbreviated", "stand-alone", locale=language)
        headings = text_of(r'<th scope="col">(.*?)</th>', month)
        assert headings[:7] == [names[(first + offset - 1) % 7] for offset in range(7)]
        assert format_skeleton("yMMMM", FIRST_OF_DECEMBER, locale=language) in text_of(
            r"<h2[^>]*>(.*?)</h2>", month
        )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["uk", "ar", "ru", "pl"])
def test_the_registration_email_gives_the_date_per_cldr(
    december_event, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        events.registration_create(
            event=december_event, name="Gast", email="gast@example.org", people=1,
            language=language, email_verified=True,
        )  # fmt: skip
    [message] = mail.outbox
    with translation.override(language):
        label = gettext("When:")
    expected = f"{label} {cldr_when(FIRST_OF_DECEMBER, time(17), time(19), language)}"
    assert [line for line in message.body.splitlines() if line.startswith(label)] == [expected]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["tr", "uk", "fa"])
def test_the_booking_email_and_the_room_page_write_dates_and_numbers_per_cldr(
    client, association, language, django_capture_on_commit_callbacks
):
    house = make_house(opening_hours=ALL_DAY)
    room = make_room(house, bookable_hours=ALL_DAY, horizon_days=730, area=Decimal("1234.5"))
    booker = member_of(association, Membership.Role.EDITOR, language=language)
    day = date.today() + timedelta(days=20)
    series = facilities.booking_request(
        room=room, association=association, requested_by=booker, title="Vereinstreffen",
        attendees=10, first_date=day, start_time=time(18), end_time=time(20),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        facilities.booking_approve(booking=series.bookings.get(), by=UserFactory(is_staff=True))
    [message] = mail.outbox
    with translation.override(language):
        line = gettext("%(title)s: %(room)s, %(date)s, %(start)s–%(end)s.") % {
            "title": "Vereinstreffen",
            "room": "Saal",
            "date": format_date(day, "full", locale=language),
            "start": format_time(time(18), "short", locale=language),
            "end": format_time(time(20), "short", locale=language),
        }
    # The email lists its dates, one per line (facilities.notices).
    assert [text for text in message.body.splitlines() if text.startswith("- ")] == [f"- {line}"]
    page = client.get(f"/{language}/haus-der-vielfalt/raeume/{room.slug}/").content.decode()
    assert f"<dd>{format_decimal(Decimal('1234.5'), locale=language)} m²</dd>" in page
