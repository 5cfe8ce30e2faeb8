"""Read queries of the projects app."""

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

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


def active_sites():
    return Site.objects.active()
