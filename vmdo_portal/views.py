"""Site-wide views: home, the staff-editable pages, health, robots.txt."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vmdo_portal.models import Page


@require_safe
def home(request):
    page = Page.objects.filter(key=Page.Key.HOME).first()
    return render(request, "vmdo_portal/home.html", {"page": page})


@require_safe
def page_detail(request, key):
    page = get_object_or_404(Page, key=key)
    return render(request, "vmdo_portal/page.html", {"page": page})


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
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
