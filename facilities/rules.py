"""Booking rules: what a request must satisfy, computed in local time (Europe/Berlin).

Local instants and series dates: vmdo_portal.recurrence."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vmdo_portal import opening_hours

# The booking pages' own wording of the series rules (vmdo_portal.recurrence).
WEEKLY_NEEDS_AN_END = _("A weekly series needs an end date or a number of dates.")
TOO_MANY_DATES = _("A series may have at most %(max)d dates. Please request a shorter series.")


def berlin():
    return ZoneInfo(settings.TIME_ZONE)


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
