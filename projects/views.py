"""Public pages of the projects app: projects, sites and their opening hours."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from projects import selectors
from projects.filters import SiteFilter
from projects.models import Project, Site
from vmdo_portal import opening_hours
from vmdo_portal.site_url import absolute_url

PAGE_SIZE = 20


@require_safe
def project_list(request):
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    kind = kind if kind in Project.Kind.values else ""
    status = status if status in Project.Status.values else ""
    projects = selectors.projects_for_list(kind=kind, status=status)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("seite"))
    shown = list(page.object_list)
    return render(
        request,
        "projects/project_list.html",
        {
            "page": page,
            "current": [project for project in shown if not project.archived],
            "archive": [project for project in shown if project.archived],
            "kinds": Project.Kind.choices,
            "statuses": Project.Status.choices,
            "kind": kind,
            "status": status,
        },
    )


@require_safe
def project_detail(request, slug):
    project = get_object_or_404(
        Project.objects.published().prefetch_related("funders", "partners"), slug=slug
    )
    today = timezone.localdate()
    sites = selectors.sites_with_hours(project.sites.active(today), today)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "sites": selectors.annotate_open(list(sites), timezone.now()),
            "partners": [a for a in project.partners.all() if a.is_public],
            "contacts": project.contacts.filter(public=True),
            "documents": project.documents.all(),
            "jsonld": project_jsonld(project),
        },
    )


def project_jsonld(project) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": project.title,
        "url": absolute_url(project.get_absolute_url()),
        "foundingDate": project.start_date.isoformat(),
        "parentOrganization": {"@type": "Organization", "name": "VMDO e.V."},
    }
    if project.acronym:
        data["alternateName"] = project.acronym
    if project.summary:
        data["description"] = project.summary
    if project.end_date:
        data["dissolutionDate"] = project.end_date.isoformat()
    funders = [funder.name for funder in project.funders.all()]
    if funders:
        data["funder"] = [{"@type": "Organization", "name": name} for name in funders]
    return data


@require_safe
def site_list(request):
    now = timezone.now()
    today = timezone.localdate(now)
    filterset = SiteFilter(request.GET or None, queryset=Site.objects.active(today))
    # A semi-join rather than DISTINCT over every column: the language and service
    # filters join rows that would repeat a site.
    sites = Site.objects.filter(pk__in=filterset.qs.values("pk"))
    page_number = request.GET.get("seite")
    if (
        filterset.is_bound
        and filterset.form.is_valid()
        and filterset.form.cleaned_data.get("open_now")
    ):
        # Every matching site is checked (cheaply), only the page shown is loaded in full.
        page = Paginator(selectors.open_site_ids(sites, now), PAGE_SIZE).get_page(page_number)
        shown = selectors.sites_by_ids(page.object_list, today)
        # Nothing open now: say which of the matching sites opens next, and when.
        next_opening = None if shown else selectors.next_opening_site(sites, now)
        closed_now = not shown
    else:
        page = Paginator(selectors.sites_with_hours(sites, today), PAGE_SIZE).get_page(page_number)
        shown = list(page.object_list)
        next_opening, closed_now = None, False
    return render(
        request,
        "projects/site_list.html",
        {
            "filter": filterset,
            "page": page,
            "sites": selectors.annotate_open(shown, now),
            "closed_now": closed_now,
            "next_opening": next_opening,
        },
    )


@require_safe
def site_detail(request, slug):
    today = timezone.localdate()
    site = get_object_or_404(
        selectors.sites_with_hours(Site.objects.active(today), today), slug=slug
    )
    selectors.annotate_open([site], timezone.now())
    exceptions = [
        {
            "exception": exception,
            "plan": opening_hours.plan_text(exception.plan()),
            "is_today": exception.start_date
            <= today
            <= (exception.end_date or exception.start_date),
        }
        for exception in site.exceptions.all()
    ]
    return render(
        request,
        "projects/site_detail.html",
        {
            "site": site,
            "week": opening_hours.week_rows(site.opening_hours, today),
            "exceptions": exceptions,
        },
    )
