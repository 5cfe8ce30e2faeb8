"""Site-wide views: home, the staff-editable pages, health, robots.txt."""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from vmdo_portal import media as media_access
from vmdo_portal import personal_data
from vmdo_portal.cache import cache_reachable
from vmdo_portal.forms import DeleteAccountForm
from vmdo_portal.models import Page
from vmdo_portal.search import site_search
from vmdo_portal.site_url import absolute_url

logger = logging.getLogger(__name__)
SEARCH_MAX_LENGTH = 200


@require_safe
def home(request):
    page = Page.objects.filter(key=Page.Key.HOME).first()
    return render(request, "vmdo_portal/home.html", {"page": page})


@require_safe
def page_detail(request, key):
    page = get_object_or_404(Page, key=key)
    return render(request, "vmdo_portal/page.html", {"page": page})


@require_safe
def search(request):
    """The site search: one list of everything public, grouped by kind."""
    query = request.GET.get("q", "")[:SEARCH_MAX_LENGTH].strip()
    results = site_search(query, user=request.user, request=request)
    return render(request, "vmdo_portal/search.html", {"query": query, "results": results})


@never_cache
@require_safe
def healthz(request):
    """Liveness for load balancers: the process answers (no database involved)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def healthz_ready(request):
    """Readiness: 200 when the database, the cache and the file storage answer, else 503."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "up"
    except DatabaseError:
        checks["database"] = "down"
    try:
        checks["cache"] = "up" if cache_reachable(cache) else "down"
    except Exception:
        checks["cache"] = "down"
    try:
        default_storage.exists("healthz")
        checks["storage"] = "up"
    except Exception:
        checks["storage"] = "down"
    ready = all(state == "up" for state in checks.values())
    response = JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )
    if not ready:
        # A warning per check of the load balancer, not an error: the outage is known.
        logger.warning("Not ready: %s", checks)
        response._has_been_logged = True
    return response


@require_safe
def media(request, name):
    """Uploads, served by the portal itself from whatever storage holds them (disk or S3),
    only while their object is public or to those who may see it (vmdo_portal.media)."""
    return media_access.file_response(media_access.download_for(request, name))


@require_safe
def robots_txt(request):
    sitemap_url = absolute_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /verwaltung/",
        "Disallow: /*/konto/",
        "Disallow: /*/mein-verein/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_http_methods(["GET", "POST"])
@login_required
def account_data(request):
    """GDPR: a person downloads everything the portal keeps about them."""
    if request.GET.get("download"):
        data = personal_data.collect(request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'attachment; filename="vmdo-meine-daten.json"'
        return response
    return render(request, "vmdo_portal/account_data.html")


@require_http_methods(["GET", "POST"])
@login_required
def account_delete(request):
    """GDPR: a person deletes their account; what others need stays, anonymised."""
    if request.user.is_staff:
        return render(request, "vmdo_portal/account_delete.html", {"staff": True}, status=403)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        personal_data.erase(user)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    return render(
        request,
        "vmdo_portal/account_delete.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
