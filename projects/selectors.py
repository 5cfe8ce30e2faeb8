"""Read queries of the projects app."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import JSONObject
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
    today = timezone.localdate(moment)
    for site in sites:
        exceptions = list(site.exceptions.all())
        site.is_open = opening_hours.is_open_at(site, moment, exceptions)
        site.opens_at = (
            None if site.is_open else opening_hours.next_opening(site, moment, exceptions)
        )
        # "By appointment" on some weekday or today: the card says how to get one.
        site.by_appointment = any(
            plan.get("mode") == opening_hours.APPOINTMENT
            for plan in [
                *(site.opening_hours or {}).values(),
                opening_hours.day_plan(site, today, exceptions),
            ]
        )
    return sites


NEXT_OPENING_DAYS = 14


@dataclass(frozen=True)
class NextOpening:
    site: Site
    opens: datetime


def next_opening_site(queryset, moment) -> NextOpening | None:
    """Of the sites in `queryset`, the one that opens first after `moment` (within
    NEXT_OPENING_DAYS; on a tie the first in the list's order), with the time.

    Only sites open on some weekday or with an exception with hours in that time are
    loaded, with those exceptions: two queries, whatever the number of sites."""
    today = timezone.localdate(moment)
    horizon = today + timedelta(days=NEXT_OPENING_DAYS)
    in_time = Q(start_date__lte=horizon) & (
        Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
    )
    weekly = Q()
    for day in opening_hours.WEEKDAYS:
        weekly |= Q(**{f"opening_hours__{day}__mode": opening_hours.OPEN})
    with_hours = SiteException.objects.filter(in_time, site=OuterRef("pk"), mode=opening_hours.OPEN)
    upcoming = SiteException.objects.filter(in_time).order_by("start_date", "pk")
    sites = queryset.filter(weekly | Exists(with_hours)).prefetch_related(
        Prefetch("exceptions", queryset=upcoming)
    )
    best = None
    for site in sites:
        opens = opening_hours.next_opening(
            site, moment, list(site.exceptions.all()), days=NEXT_OPENING_DAYS
        )
        if opens is not None and (best is None or opens < best.opens):
            best = NextOpening(site, opens)
    return best


def _covering(on) -> Q:
    """Exceptions that apply on a local date (an exception without end is one day)."""
    return Q(start_date__lte=on) & (Q(end_date__gte=on) | Q(end_date__isnull=True, start_date=on))


def may_be_open_on(on, *, at=None) -> Q:
    """Sites that can be open at some time of a local date: no exception that day and open
    by the weekly hours, or an exception that day with hours. A superset of the sites open
    at a moment of that day; opening_hours.is_open_at decides exactly.

    With `at` (a local time of that day; PostgreSQL only) the weekly hours are checked
    at that time, too."""
    return _regular_hours(on, at) | _exception_on(on, with_hours=True)


def _regular_hours(on, at=None) -> Q:
    """No exception that day, open by the weekly hours (at a time, if given)."""
    regular = _weekly_open_on(on) & ~_exception_on(on)
    return regular if at is None else regular & Q(_weekly_open_at(at))


def _exception_on(on, *, with_hours=False) -> Exists:
    exceptions = SiteException.objects.filter(_covering(on), site=OuterRef("pk"))
    return Exists(exceptions.filter(mode=opening_hours.OPEN) if with_hours else exceptions)


def _weekly_open_on(on) -> Q:
    return Q(**{f"opening_hours__{opening_hours.WEEKDAYS[on.weekday()]}__mode": opening_hours.OPEN})


def _weekly_open_at(local: datetime) -> Func:
    """PostgreSQL: the weekly hours of the local weekday have a range start <= HH:MM < end.

    The same rule as opening_hours.is_open_at; zero-padded "HH:MM" strings compare like the
    times they write (jsonpath compares strings by code point, whatever the collation).
    """
    # strict: lax mode would unwrap each [start, end] pair into its two strings; silent:
    # a day without ranges gives NULL (not open) instead of an error.
    day = opening_hours.WEEKDAYS[local.weekday()]
    path = f"strict $.{day}.ranges[*] ? (@[0] <= $t && $t < @[1])"
    return Func(
        F("opening_hours"),
        RawSQL("%s::jsonpath", [path]),
        JSONObject(t=Value(f"{local:%H:%M}")),
        Value(True),
        function="jsonb_path_exists",
        output_field=BooleanField(),
    )


@dataclass(frozen=True)
class _DayHours:
    """What opening_hours needs of a site for one local date: that weekday's hours."""

    opening_hours: dict


def open_site_ids(queryset, moment) -> list[int]:
    """The ids of the sites in `queryset` open at `moment`, in the queryset's order.

    Sites without an exception today: on PostgreSQL their weekly hours are checked in
    SQL; elsewhere SQL narrows to those open that weekday. Sites with an exception with
    hours today are checked by opening_hours.is_open_at (which exception applies,
    daylight saving), as everywhere. Two queries, whatever the number of sites.
    """
    local = timezone.localtime(moment)
    today = local.date()
    weekday = opening_hours.WEEKDAYS[today.weekday()]
    at = local if connections[queryset.db].vendor == "postgresql" else None
    if at is not None:
        sure = Case(When(_regular_hours(today, at), then=Value(True)), default=Value(False))
    else:
        sure = Value(False)
    candidates = (
        queryset.filter(may_be_open_on(today, at=at))
        .annotate(sure=sure, day_hours=KeyTransform(weekday, "opening_hours"))
        .values_list("pk", "sure", "day_hours")
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
        for pk, sure, hours in candidates
        if sure
        or opening_hours.is_open_at(
            _DayHours({weekday: hours} if hours else {}), moment, todays.get(pk, [])
        )
    ]


def sites_by_ids(ids, today) -> list[Site]:
    """The sites with these ids, in this order, with what their cards need."""
    order = {pk: index for index, pk in enumerate(ids)}
    sites = sites_with_hours(Site.objects.filter(pk__in=order), today) if order else []
    return sorted(sites, key=lambda site: order[site.pk])
