"""Read queries of the projects app."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import BooleanField, Case, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.db.models.fields.json import KeyTransform
from django.utils import timezone

from projects.models import Project, Site, SiteException
from vmdo_portal import opening_hours

UPCOMING_EXCEPTION_DAYS = 60


def projects_for_list(*, kind: str = "", status: str = "", today=None):
    """Published projects, one sequence to page through: the current ones first (by order,
    title), then the completed ones as an archive (latest end first); `archived` tells them
    apart."""
    today = today or timezone.localdate()
    projects = Project.objects.published()
    if kind:
        projects = projects.filter(kind=kind)
    if status == Project.Status.ACTIVE:
        projects = projects.active(today)
    elif status == Project.Status.PLANNED:
        projects = projects.planned(today)
    elif status == Project.Status.COMPLETED:
        projects = projects.completed(today)
    return projects.annotate(
        archived=Case(
            When(end_date__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by(
        "archived",
        Case(When(archived=True, then=F("end_date"))).desc(),  # archive: latest end first
        Case(When(archived=False, then=F("order"))),  # current: the order staff set
        "title",
        "pk",
    )


def sites_with_hours(queryset, today):
    """Sites with what "open now" needs, in a fixed number of queries."""
    horizon = today + timedelta(days=UPCOMING_EXCEPTION_DAYS)
    upcoming = SiteException.objects.filter(
        Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today),
        start_date__lte=horizon,
    ).order_by("start_date", "pk")
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


def _covering(on) -> Q:
    """Exceptions that apply on a local date (an exception without end is one day)."""
    return Q(start_date__lte=on) & (Q(end_date__gte=on) | Q(end_date__isnull=True, start_date=on))


def may_be_open_on(on) -> Q:
    """Sites that can be open at some time of a local date: no exception that day and open
    by the weekly hours, or an exception that day with hours. A superset of the sites open
    at a moment of that day; opening_hours.is_open_at decides exactly."""
    weekday = opening_hours.WEEKDAYS[on.weekday()]
    exceptions = SiteException.objects.filter(_covering(on), site=OuterRef("pk"))
    weekly = Q(**{f"opening_hours__{weekday}__mode": opening_hours.OPEN})
    return (weekly & ~Exists(exceptions)) | Exists(exceptions.filter(mode=opening_hours.OPEN))


@dataclass(frozen=True)
class _DayHours:
    """What opening_hours needs of a site for one local date: that weekday's hours."""

    opening_hours: dict


def open_site_ids(queryset, moment) -> list[int]:
    """The ids of the sites in `queryset` open at `moment`, in the queryset's order.

    SQL narrows to the sites that can be open that local day and reads only that
    weekday's hours; the exact check (times, which exception applies, daylight saving)
    is opening_hours.is_open_at, as everywhere. Two queries, whatever the number of sites.
    """
    today = timezone.localdate(moment)
    weekday = opening_hours.WEEKDAYS[today.weekday()]
    candidates = (
        queryset.filter(may_be_open_on(today))
        .annotate(day_hours=KeyTransform(weekday, "opening_hours"))
        .values_list("pk", "day_hours")
    )
    # A candidate either has no exception today or one with hours: load all of today's
    # exceptions of the latter (the first one applies), none of a closed day's.
    todays_with_hours = SiteException.objects.filter(
        _covering(today), site=OuterRef("site"), mode=opening_hours.OPEN
    )
    todays = {}
    for exception in (
        SiteException.objects.filter(_covering(today), Exists(todays_with_hours))
        .only("site_id", "start_date", "end_date", "mode", "ranges")
        .order_by("start_date", "pk")
    ):
        todays.setdefault(exception.site_id, []).append(exception)
    return [
        pk
        for pk, hours in candidates
        if opening_hours.is_open_at(
            _DayHours({weekday: hours} if hours else {}), moment, todays.get(pk, [])
        )
    ]


def sites_by_ids(ids, today) -> list[Site]:
    """The sites with these ids, in this order, with what their cards need."""
    order = {pk: index for index, pk in enumerate(ids)}
    sites = sites_with_hours(Site.objects.filter(pk__in=order), today) if order else []
    return sorted(sites, key=lambda site: order[site.pk])


def active_sites():
    return Site.objects.active()
