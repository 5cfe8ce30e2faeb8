"""Opening hours as validated data, and "open now" / "opens at" in Europe/Berlin.

A week is {"mon": day, ..., "sun": day}; a day is {"mode": "open", "ranges":
[["09:00", "12:00"], ["13:00", "16:00"]]}, {"mode": "appointment"} or {"mode": "closed"}.
All computations use local wall-clock time, so 10:00 stays 10:00 across the
daylight-saving changes.
"""

import itertools
import re
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
OPEN, APPOINTMENT, CLOSED = "open", "appointment", "closed"
MODES = {
    OPEN: _("open"),
    APPOINTMENT: _("by appointment"),
    CLOSED: _("closed"),
}
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def validate_day(day, label) -> dict:
    """Check one day; returns it normalised (ranges sorted)."""
    if not isinstance(day, dict) or day.get("mode") not in MODES:
        raise ValidationError(
            _("%(day)s: choose open, by appointment or closed."), params={"day": label}
        )
    if day["mode"] != OPEN:
        return {"mode": day["mode"]}
    ranges = day.get("ranges")
    if not isinstance(ranges, list) or not ranges:
        raise ValidationError(
            _("%(day)s: an open day needs at least one time range, e.g. 09:00-12:00."),
            params={"day": label},
        )
    clean = []
    for entry in ranges:
        if (
            not isinstance(entry, list | tuple)
            or len(entry) != 2
            or not all(isinstance(value, str) and TIME.match(value) for value in entry)
        ):
            raise ValidationError(
                _("%(day)s: write times as HH:MM-HH:MM, e.g. 09:00-12:00."),
                params={"day": label},
            )
        start, end = entry
        if _minutes(start) >= _minutes(end):
            raise ValidationError(
                _("%(day)s: %(start)s-%(end)s ends before it starts."),
                params={"day": label, "start": start, "end": end},
            )
        clean.append([start, end])
    clean.sort(key=lambda entry: _minutes(entry[0]))
    for before, after in itertools.pairwise(clean):
        if _minutes(after[0]) < _minutes(before[1]):
            raise ValidationError(
                _("%(day)s: the times %(first)s and %(second)s overlap."),
                params={"day": label, "first": "-".join(before), "second": "-".join(after)},
            )
    return {"mode": OPEN, "ranges": clean}


def validate_week(week) -> dict:
    if not isinstance(week, dict) or set(week) - set(WEEKDAYS):
        raise ValidationError(_("Opening hours need one entry per weekday."))
    return {
        day: validate_day(week.get(day, {"mode": CLOSED}), label)
        for day, label in zip(WEEKDAYS, weekday_names(), strict=True)
    }


def weekday_names():
    from django.utils.dates import WEEKDAYS as NAMES

    return [NAMES[number] for number in range(7)]


def parse_ranges(text: str) -> list[list[str]]:
    """ "09:00-12:00, 13:00-16:00" → [["09:00", "12:00"], ["13:00", "16:00"]]."""
    ranges = []
    for part in re.split(r"[,;\n]+", text or ""):
        part = part.strip().replace("–", "-").replace(".", ":")
        if not part:
            continue
        start, _sep, end = part.partition("-")
        ranges.append([_pad(start.strip()), _pad(end.strip())])
    return ranges


def _pad(value: str) -> str:
    return f"0{value}" if re.match(r"^[0-9]:[0-5][0-9]$", value) else value


def format_ranges(ranges) -> str:
    return ", ".join(f"{start}-{end}" for start, end in ranges or [])


# --- computing ---------------------------------------------------------------------


def day_plan(site, on: date, exceptions=None) -> dict:
    """What applies on a local date: that day's exception, else the weekly hours."""
    for exception in exceptions if exceptions is not None else site.exceptions.all():
        if exception.start_date <= on <= (exception.end_date or exception.start_date):
            return exception.plan()
    return (site.opening_hours or {}).get(WEEKDAYS[on.weekday()], {"mode": CLOSED})


def is_open_at(site, moment: datetime, exceptions=None) -> bool:
    local = timezone.localtime(moment)
    plan = day_plan(site, local.date(), exceptions)
    if plan["mode"] != OPEN:
        return False
    now = local.hour * 60 + local.minute
    return any(_minutes(start) <= now < _minutes(end) for start, end in plan["ranges"])


def next_opening(site, moment: datetime, exceptions=None, days=14) -> datetime | None:
    """The next local time the site opens (within `days`), as an aware datetime."""
    local = timezone.localtime(moment)
    for offset in range(days + 1):
        on = local.date() + timedelta(days=offset)
        plan = day_plan(site, on, exceptions)
        if plan["mode"] != OPEN:
            continue
        for start, _end in plan["ranges"]:
            minutes = _minutes(start)
            opening = timezone.make_aware(datetime.combine(on, time(minutes // 60, minutes % 60)))
            if opening > moment:
                return opening
    return None


# --- showing -----------------------------------------------------------------------


def week_rows(week: dict, today) -> list[dict]:
    """The weekly hours in the visitor's locale: its first day of week, CLDR's weekday
    names and time format."""
    from django.utils import formats

    from vmdo_portal.l10n import weekday_names as cldr_weekday_names

    first = int(formats.get_format("FIRST_DAY_OF_WEEK"))  # 0 = Sunday
    names = cldr_weekday_names("wide")
    order = [(first + offset - 1) % 7 for offset in range(7)]  # Python: 0 = Monday
    return [
        {
            "name": names[number],
            "plan": plan_text((week or {}).get(WEEKDAYS[number], {"mode": CLOSED})),
            "is_today": number == today.weekday(),
        }
        for number in order
    ]


def plan_text(plan) -> str:
    if plan["mode"] != OPEN:
        return str(MODES[plan["mode"]])
    return ", ".join(f"{_local_time(start)}–{_local_time(end)}" for start, end in plan["ranges"])


def _local_time(value: str) -> str:
    from vmdo_portal.l10n import format_time

    hours, minutes = (int(part) for part in value.split(":"))
    return format_time(time(hours % 24, minutes))
