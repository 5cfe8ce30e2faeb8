"""Local time and recurring dates, for every app that plans something on the calendar.

Dates repeat in local time (settings.TIME_ZONE, Europe/Berlin) and each occurrence is made
aware on its own (`local_instant`), so 19:00 stays 19:00 across a change of the clocks.
Room bookings (facilities) and events expand their series with the same `series_dates`.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vmdo_portal.l10n import format_date, format_time
from vmdo_portal.services import Refused

ONCE, WEEKLY, MONTHLY = "once", "weekly", "monthly"
MAX_DATES = 60
NEEDS_AN_END = _("A series needs an end date or a number of dates.")
TOO_MANY = _("A series may have at most %(max)d dates.")


def local_instant(day: date, at: time) -> datetime:
    """The aware instant of a local date and time; refuses (Refused) times the clock skips
    or repeats."""
    zone = ZoneInfo(settings.TIME_ZONE)
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise Refused(
            _("%(date)s %(time)s does not exist: the clocks go forward that night.")
            % {"date": format_date(day), "time": format_time(at)}
        )
    if first.utcoffset() != second.utcoffset():
        raise Refused(
            _(
                "%(date)s %(time)s happens twice: the clocks go back that night. "
                "Please choose another time."
            )
            % {"date": format_date(day), "time": format_time(at)}
        )
    return first


def series_dates(
    *,
    first_date: date,
    frequency: str,
    interval: int = 1,
    weekdays=(),
    until_date: date | None = None,
    count: int | None = None,
    exceptions=(),
    needs_an_end=NEEDS_AN_END,
    too_many=TOO_MANY,
) -> list[date]:
    """The local dates of a plan: once; weekly every `interval` weeks (on `weekdays`,
    0 = Monday, else on the first date's weekday); or monthly every `interval` months on
    the first date's weekday (its 1st, 2nd, … of the month). A series ends on `until_date`
    or after `count` dates (the `exceptions` among them are left out) and has at most
    MAX_DATES dates; else Refused, with the caller's wording if it brings its own."""
    if frequency == ONCE:
        return [first_date]
    if not until_date and not count:
        raise Refused(needs_an_end)
    if frequency == MONTHLY:
        position = (first_date.day - 1) // 7 + 1
        kind, byweekday = rrule.MONTHLY, rrule.weekday(first_date.weekday(), position)
    else:
        kind, byweekday = rrule.WEEKLY, sorted(set(weekdays)) or [first_date.weekday()]
    rule = rrule.rrule(
        kind,
        interval=interval,
        byweekday=byweekday,
        dtstart=datetime.combine(first_date, time()),
        until=datetime.combine(until_date, time()) if until_date else None,
        count=count,
    )
    skip = set(exceptions)
    dates = []
    for moment in rule:  # lazy: a far end date stops at the limit
        if moment.date() in skip:
            continue
        dates.append(moment.date())
        if len(dates) > MAX_DATES:
            raise Refused(too_many % {"max": MAX_DATES})
    return dates
