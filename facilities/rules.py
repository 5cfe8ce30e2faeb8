"""Local time and booking rules: what a request must satisfy, computed in Europe/Berlin."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vmdo_portal import opening_hours
from vmdo_portal.l10n import format_date, format_time

MAX_OCCURRENCES = 60


class LocalTimeError(ValueError):
    pass


def berlin():
    return ZoneInfo(settings.TIME_ZONE)


def local_instant(day: date, at: time) -> datetime:
    """The aware instant of a local date and time; refuses times the clock skips or repeats."""
    zone = berlin()
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise LocalTimeError(
            _("%(date)s %(time)s does not exist: the clocks go forward that night.")
            % {"date": format_date(day), "time": format_time(at)}
        )
    if first.utcoffset() != second.utcoffset():
        raise LocalTimeError(
            _(
                "%(date)s %(time)s happens twice: the clocks go back that night. "
                "Please choose another time."
            )
            % {"date": format_date(day), "time": format_time(at)}
        )
    return first


def series_dates(
    *, first_date, frequency, interval_weeks=1, weekdays=(), until_date=None, count=None
):
    """The local dates of a request: once, or weekly every N weeks on some weekdays."""
    if frequency == "once":
        return [first_date]
    if not until_date and not count:
        raise ValueError(_("A weekly series needs an end date or a number of dates."))
    rule = rrule.rrule(
        rrule.WEEKLY,
        interval=interval_weeks,
        byweekday=sorted(set(weekdays)) or [first_date.weekday()],
        dtstart=datetime.combine(first_date, time()),
        until=datetime.combine(until_date, time()) if until_date else None,
        count=min(count, MAX_OCCURRENCES + 1) if count else None,
    )
    dates = []
    for moment in rule:
        dates.append(moment.date())
        if len(dates) > MAX_OCCURRENCES:
            raise ValueError(
                _("A series may have at most %(max)d dates. Please request a shorter series.")
                % {"max": MAX_OCCURRENCES}
            )
    return dates


def minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def within_hours(week: dict, day: date, start: time, end: time) -> bool:
    """Is start–end (local) inside one of the day's open ranges?"""
    plan = (week or {}).get(opening_hours.WEEKDAYS[day.weekday()], {"mode": opening_hours.CLOSED})
    if plan["mode"] != opening_hours.OPEN:
        return False
    return any(
        opening_hours._minutes(low) <= minutes(start)
        and minutes(end) <= opening_hours._minutes(high)
        for low, high in plan["ranges"]
    )


def horizon_end(room, today: date) -> date:
    return today + timedelta(days=room.horizon_days)


def day_span(room, day: date) -> tuple[time, time] | None:
    """The one stretch of `day` in which the room can be booked (its own hours within the
    house's), which an all-day event in the room holds; None when the room cannot be booked
    that day, its hours are split, or they run to midnight (a booking ends on its own day)."""
    low, high = 0, 24 * 60
    for week in (room.bookable_hours, room.facility.opening_hours):
        plan = (week or {}).get(opening_hours.WEEKDAYS[day.weekday()], {})
        if plan.get("mode") != opening_hours.OPEN or len(plan.get("ranges", [])) != 1:
            return None
        [(start, end)] = plan["ranges"]
        low = max(low, opening_hours._minutes(start))
        high = min(high, opening_hours._minutes(end))
    if high <= low or high >= 24 * 60:
        return None
    return time(low // 60, low % 60), time(high // 60, high % 60)
