"""The span of days the portal's calendars and date fields accept, and parsing within it.

Python's dates end at 0001-01-01 and 9999-12-31: a week or a month at either end has no
neighbour, and a local midnight in year 1 has no UTC time. Nothing of VMDO's lies near
either end, so the calendars stay within 1900–2999 (a date outside goes to the nearest
end) and date fields refuse dates outside it with a message.
"""

from datetime import date

from django.utils import timezone

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def within(day: date) -> date:
    """The day, or the nearest end of the span."""
    return min(max(day, FIRST_DAY), LAST_DAY)


def parse_day(value: str | None, default: date) -> date:
    """?woche=YYYY-MM-DD and the like: an ISO date within the span, else the default."""
    try:
        return within(date.fromisoformat(value)) if value else default
    except ValueError:
        return default


def parse_month(value: str | None, default: date) -> date:
    """?monat=YYYY-MM: the first of that month within the span, else of the default's."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = date(min(max(year, FIRST_DAY.year), LAST_DAY.year), month, 1)
    except (ValueError, OverflowError):
        first = default
    return first.replace(day=1)


def local_display(value, fmt: str = "%d.%m.%Y %H:%M") -> str:
    """An aware datetime as the back office shows it: in local time (settings.TIME_ZONE,
    Europe/Berlin), never in the UTC the database returns. "" for None.

    For titles (`__str__`, the admin's history and messages): an 18:00 booking reads
    "18:00", not "17:00".
    """
    if value is None:
        return ""
    return f"{timezone.localtime(value):{fmt}}"
