"""Read queries of the projects app."""

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS

from projects.models import Project, Site, SiteException
from vmdo_portal import opening_hours

UPCOMING_EXCEPTION_DAYS = 60


def projects_for_list(*, kind: str = "", status: str = "", today=None) -> dict:
    """Published projects: the current ones first, completed ones as an archive."""
    today = today or timezone.localdate()
    projects = Project.objects.published()
    if kind:
        projects = projects.filter(kind=kind)
    current = projects.exclude(end_date__lt=today)
    archive = projects.filter(end_date__lt=today).order_by("-end_date", "title")
    if status == Project.Status.ACTIVE:
        current, archive = current.active(today), archive.none()
    elif status == Project.Status.PLANNED:
        current, archive = current.planned(today), archive.none()
    elif status == Project.Status.COMPLETED:
        current = current.none()
    return {"current": list(current), "archive": list(archive)}


def sites_with_hours(queryset, today):
    """Sites with what "open now" needs, in a fixed number of queries."""
    horizon = today + timedelta(days=UPCOMING_EXCEPTION_DAYS)
    upcoming = SiteException.objects.filter(
        Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today),
        start_date__lte=horizon,
    )
    return queryset.select_related("project").prefetch_related(
        "languages", "services", Prefetch("exceptions", queryset=upcoming)
    )


def annotate_open(sites, moment):
    for site in sites:
        exceptions = list(site.exceptions.all())
        site.is_open = opening_hours.is_open_at(site, moment, exceptions)
        site.opens_at = (
            None if site.is_open else opening_hours.next_opening(site, moment, exceptions)
        )
    return sites


def week_rows(site, today) -> list[dict]:
    """The weekly hours in the visitor's locale: first day of week, time format."""
    first = int(formats.get_format("FIRST_DAY_OF_WEEK"))  # 0 = Sunday
    order = [(first + offset - 1) % 7 for offset in range(7)]  # Python: 0 = Monday
    rows = []
    for number in order:
        plan = (site.opening_hours or {}).get(opening_hours.WEEKDAYS[number], {"mode": "closed"})
        rows.append(
            {
                "name": WEEKDAYS[number],
                "plan": plan_text(plan),
                "is_today": number == today.weekday(),
            }
        )
    return rows


def plan_text(plan) -> str:
    if plan["mode"] != opening_hours.OPEN:
        return str(opening_hours.MODES[plan["mode"]])
    return ", ".join(f"{_time(start)}–{_time(end)}" for start, end in plan["ranges"])


def _time(value: str) -> str:
    from datetime import time

    hours, minutes = (int(part) for part in value.split(":"))
    if hours == 24:
        return formats.time_format(time(0, 0), "TIME_FORMAT")
    return formats.time_format(time(hours, minutes), "TIME_FORMAT")


def active_sites():
    return Site.objects.active()
