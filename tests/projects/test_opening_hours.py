"""Opening hours: validation, "open now" and "opens at" in Europe/Berlin."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from projects import selectors
from projects.models import Site, SiteException
from tests.factories import NEVER_OPEN
from vmdo_portal import opening_hours

pytestmark = pytest.mark.django_db

WEEKDAY_HOURS = {
    "mon": {"mode": "open", "ranges": [["10:00", "12:00"], ["14:00", "16:00"]]},
    "tue": {"mode": "open", "ranges": [["10:00", "12:00"]]},
    "wed": {"mode": "appointment"},
    "thu": {"mode": "open", "ranges": [["10:00", "12:00"]]},
    "fri": {"mode": "open", "ranges": [["10:00", "12:00"]]},
    "sat": {"mode": "closed"},
    "sun": {"mode": "open", "ranges": [["10:00", "12:00"]]},
}


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def site(make_site):
    return make_site(opening_hours=WEEKDAY_HOURS)


# --- DST: 29 March 2026 (clocks go 02:00 → 03:00), 25 October 2026 (03:00 → 02:00) ---


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Sunday 29 March 2026, CEST (UTC+2) from 01:00 UTC on.
        (utc(2026, 3, 29, 7, 59), False),  # 09:59 local
        (utc(2026, 3, 29, 8, 0), True),  # 10:00 local (UTC+1 would wrongly say 09:00)
        (utc(2026, 3, 29, 9, 59), True),  # 11:59 local
        (utc(2026, 3, 29, 10, 0), False),  # 12:00 local (UTC+1 would wrongly say open)
        # Sunday 25 October 2026, back to CET (UTC+1).
        (utc(2026, 10, 25, 8, 59), False),  # 09:59 local
        (utc(2026, 10, 25, 9, 0), True),  # 10:00 local (UTC+2 would wrongly say 11:00)
        (utc(2026, 10, 25, 10, 59), True),  # 11:59 local
        (utc(2026, 10, 25, 11, 0), False),  # 12:00 local
        # The Saturdays before: closed all day.
        (utc(2026, 3, 28, 9, 0), False),
        (utc(2026, 10, 24, 9, 0), False),
    ],
)
def test_open_now_across_both_daylight_saving_changes(site, moment, expected):
    assert opening_hours.is_open_at(site, moment) is expected


def test_opens_at_is_local_time_across_the_spring_change(site):
    # Saturday 28 March 2026 20:00 CET → opens Sunday 29 March at 10:00 CEST (08:00 UTC).
    assert opening_hours.next_opening(site, utc(2026, 3, 28, 19, 0)) == utc(2026, 3, 29, 8, 0)


def test_opens_at_is_local_time_across_the_autumn_change(site):
    # Saturday 24 October 2026 20:00 CEST → Sunday 25 October 10:00 CET (09:00 UTC).
    assert opening_hours.next_opening(site, utc(2026, 10, 24, 18, 0)) == utc(2026, 10, 25, 9, 0)


def test_opens_at_skips_appointment_days_and_finds_the_afternoon(site):
    # Monday 2 March 2026 12:30 local → 14:00 local the same day.
    assert opening_hours.next_opening(site, utc(2026, 3, 2, 11, 30)) == utc(2026, 3, 2, 13, 0)
    # Tuesday 12:00 → Wednesday is by appointment → Thursday 10:00.
    assert opening_hours.next_opening(site, utc(2026, 3, 3, 11, 0)) == utc(2026, 3, 5, 9, 0)


def test_appointment_day_is_not_open(site):
    assert opening_hours.is_open_at(site, utc(2026, 3, 4, 10, 0)) is False


# --- exception days ----------------------------------------------------------------


def test_a_closed_exception_day_overrides_the_weekly_hours(site):
    SiteException.objects.create(site=site, start_date=date(2026, 3, 2), reason="Rosenmontag")
    site = Site.objects.prefetch_related("exceptions").get(pk=site.pk)
    assert opening_hours.is_open_at(site, utc(2026, 3, 2, 9, 30)) is False
    assert opening_hours.next_opening(site, utc(2026, 3, 2, 9, 30)) == utc(2026, 3, 3, 9, 0)


def test_special_hours_on_an_exception_day(site):
    SiteException.objects.create(
        site=site, start_date=date(2026, 3, 7), mode="open", ranges=[["18:00", "20:00"]]
    )
    assert opening_hours.is_open_at(site, utc(2026, 3, 7, 17, 30)) is True  # Saturday 18:30
    assert opening_hours.is_open_at(site, utc(2026, 3, 7, 9, 30)) is False


def test_a_closure_over_several_days(site):
    SiteException.objects.create(
        site=site, start_date=date(2026, 12, 24), end_date=date(2027, 1, 1), reason="Ferien"
    )
    assert opening_hours.is_open_at(site, utc(2026, 12, 28, 9, 30)) is False  # a Monday
    assert opening_hours.next_opening(site, utc(2026, 12, 28, 9, 30)) == utc(2027, 1, 3, 9, 0)


# --- validation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("week", "message"),
    [
        (
            {"mon": {"mode": "open", "ranges": [["12:00", "09:00"]]}},
            "Montag: 12:00-09:00 endet, bevor es beginnt.",
        ),
        (
            {"mon": {"mode": "open", "ranges": [["09:00", "12:00"], ["11:00", "13:00"]]}},
            "Montag: Die Zeiten 09:00-12:00 und 11:00-13:00 überschneiden sich.",
        ),
        (
            {"tue": {"mode": "open", "ranges": [["9 Uhr", "12"]]}},
            "Dienstag: Bitte Zeiten als HH:MM-HH:MM angeben, z. B. 09:00-12:00.",
        ),
        (
            {"wed": {"mode": "open", "ranges": [["25:00", "26:00"]]}},
            "Mittwoch: Bitte Zeiten als HH:MM-HH:MM angeben, z. B. 09:00-12:00.",
        ),
        (
            {"thu": {"mode": "open", "ranges": []}},
            "Donnerstag: Ein geöffneter Tag braucht mindestens einen Zeitraum, z. B. 09:00-12:00.",
        ),
        (
            {"fri": {"mode": "sometimes"}},
            "Freitag: Bitte „geöffnet“, „nach Vereinbarung“ oder „geschlossen“ wählen.",
        ),
        (
            {"funday": {"mode": "closed"}},
            "Die Öffnungszeiten brauchen einen Eintrag pro Wochentag.",
        ),
        ("<script>", "Die Öffnungszeiten brauchen einen Eintrag pro Wochentag."),
    ],
)
def test_invalid_opening_hours_are_refused_on_save_with_a_clear_message(
    make_site, settings, week, message
):
    from django.utils import translation

    with translation.override("de"), pytest.raises(ValidationError) as error:
        make_site(opening_hours=week)
    assert error.value.messages == [message]
    assert Site.objects.count() == 0


def test_valid_hours_are_stored_sorted(make_site):
    site = make_site(
        opening_hours={"mon": {"mode": "open", "ranges": [["14:00", "16:00"], ["09:00", "12:00"]]}}
    )
    site.refresh_from_db()
    assert site.opening_hours["mon"] == {
        "mode": "open",
        "ranges": [["09:00", "12:00"], ["14:00", "16:00"]],
    }
    assert site.opening_hours["sun"] == {"mode": "closed"}


def test_parse_ranges_understands_what_staff_type():
    assert opening_hours.parse_ranges("9:00-12:00, 13.30–16:00") == [
        ["09:00", "12:00"],
        ["13:30", "16:00"],
    ]
    assert opening_hours.parse_ranges("") == []


# --- "open now" for many sites: SQL narrows, is_open_at decides -------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Monday 10:30 CET
        (utc(2026, 3, 2, 9, 30), ["closed first", "late", "special", "weekly"]),
        # Monday 13:30, between the ranges
        (utc(2026, 3, 2, 12, 30), []),
        # Monday 11:59 and 12:00 CET: a range's end is not open any more (checked in SQL)
        (utc(2026, 3, 2, 10, 59), ["closed first", "late", "special", "weekly"]),
        (utc(2026, 3, 2, 11, 0), []),
        # Monday 15:59 CET: the second range
        (utc(2026, 3, 2, 14, 59), ["closed first", "late", "special", "weekly"]),
        # Wednesday 10:30: by appointment is not open
        (utc(2026, 3, 4, 9, 30), []),
        # Sunday in UTC, Monday 00:30 in Berlin
        (utc(2026, 3, 1, 23, 30), ["midnight"]),
        # Thursday 10:30, "weekly" has a day off
        (utc(2026, 3, 5, 9, 30), ["closed first", "late", "special"]),
        # Saturday 18:30: special hours only
        (utc(2026, 3, 7, 17, 30), ["special"]),
        # Sunday 09:59 and 10:00 CEST, the day the clocks go forward
        (utc(2026, 3, 29, 7, 59), []),
        (utc(2026, 3, 29, 8, 0), ["closed first", "late", "special", "weekly"]),
        # Sunday 10:00 CET, the day the clocks go back
        (utc(2026, 10, 25, 9, 0), ["closed first", "late", "special", "weekly"]),
        # Monday 09:30 CET in the holidays: of two exceptions, the one starting first applies
        (utc(2026, 12, 28, 8, 30), ["special"]),
    ],
)
def test_open_site_ids_agrees_with_is_open_at(make_site, moment, expected):
    weekly = make_site(name="weekly", opening_hours=WEEKDAY_HOURS)
    SiteException.objects.create(site=weekly, start_date=date(2026, 3, 5), mode="closed")
    SiteException.objects.create(
        site=weekly, start_date=date(2026, 12, 24), end_date=date(2027, 1, 2)
    )
    late = make_site(name="late", opening_hours=WEEKDAY_HOURS)
    SiteException.objects.create(
        site=late, start_date=date(2026, 12, 21), end_date=date(2026, 12, 31), mode="closed"
    )
    make_site(
        name="midnight",
        opening_hours={"mon": {"mode": "open", "ranges": [["00:00", "01:00"]]}},
    )
    special = make_site(name="special", opening_hours=WEEKDAY_HOURS)
    SiteException.objects.create(
        site=special, start_date=date(2026, 3, 7), mode="open", ranges=[["18:00", "20:00"]]
    )
    # Two exceptions on 28 December: the one that starts first applies (09:00, not closed).
    SiteException.objects.create(
        site=special,
        start_date=date(2026, 12, 27),
        end_date=date(2026, 12, 29),
        mode="open",
        ranges=[["09:00", "12:00"]],
    )
    SiteException.objects.create(site=special, start_date=date(2026, 12, 28), mode="closed")
    closed_first = make_site(name="closed first", opening_hours=WEEKDAY_HOURS)
    SiteException.objects.create(
        site=closed_first, start_date=date(2026, 12, 27), end_date=date(2026, 12, 29)
    )
    SiteException.objects.create(
        site=closed_first, start_date=date(2026, 12, 28), mode="open", ranges=[["09:00", "12:00"]]
    )
    hidden = make_site(name="closed by exception", opening_hours=WEEKDAY_HOURS)
    SiteException.objects.create(
        site=hidden, start_date=moment.date() - timedelta(days=1), end_date=date(2027, 12, 31)
    )
    sites = Site.objects.order_by("name")
    assert [site.name for site in sites if opening_hours.is_open_at(site, moment)] == expected
    ids = selectors.open_site_ids(sites, moment)
    assert [site.name for site in selectors.sites_by_ids(ids, moment.date())] == expected


def test_sql_keeps_only_the_sites_that_can_open_that_day(make_site):
    make_site(name="weekly", opening_hours=WEEKDAY_HOURS)
    holiday = make_site(name="holiday", opening_hours=WEEKDAY_HOURS)
    SiteException.objects.create(site=holiday, start_date=date(2026, 3, 3), mode="closed")
    make_site(name="appointment", opening_hours=WEEKDAY_HOURS | {"tue": {"mode": "appointment"}})
    special = make_site(name="special", opening_hours=NEVER_OPEN)
    SiteException.objects.create(
        site=special,
        start_date=date(2026, 3, 1),
        end_date=date(2026, 3, 3),
        mode="open",
        ranges=[["18:00", "20:00"]],
    )
    make_site(name="never", opening_hours=NEVER_OPEN)
    tuesday = date(2026, 3, 3)
    candidates = Site.objects.filter(selectors.may_be_open_on(tuesday)).order_by("name")
    assert [site.name for site in candidates] == ["special", "weekly"]
