"""A shared cache of anonymous page views, dropped whenever content changes.

Only visitors without a session or message cookie get cached pages, only pages without a
form (a CSRF token is personal) are stored, and the key holds the path with its query
string, so every language and filter has its own entry. Any save or delete of the
portal's content bumps a version number, so an edit shows at once on every app server:
an entry stored under an older version is not served. A save that writes only fields no
public page shows (a login writing `last_login`) leaves the version alone. A hit costs one
round trip to the cache (the version and the entry are read together).

An entry keeps every header the layers below it set (content type, length, language,
Vary, caching). The security headers (CSP, X-Frame-Options, HSTS, …) come from middleware
above this one in settings.MIDDLEWARE, so a hit gets them from the same code as a miss.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

VERSION_KEY = "page-cache:version"
TIMEOUT = 300
CONTENT_APPS = {"vmdo_portal", "members", "projects", "facilities", "events"}
PRIVATE_PREFIXES = ("/verwaltung/", "/media/", "/healthz")
PRIVATE_PARTS = ("/konto/", "/mein-verein/", "/abmelden/", "/netzwerk/", "/uebersetzen/")
# Set by decorators for the middleware above: such a response is not stored, since a hit
# would lose them.
PER_VIEW_SECURITY = ("_csp_config", "_csp_ro_config", "xframe_options_exempt")
# Fields no public page shows, per model: a save of only these keeps the cached pages.
NOT_ON_PUBLIC_PAGES = {"vmdo_portal.User": frozenset({"last_login"})}


def content_version() -> int:
    cache.add(VERSION_KEY, 1, timeout=None)
    return cache.get(VERSION_KEY, 1)


def content_changed(sender=None, update_fields=None, **kwargs) -> None:
    unseen = NOT_ON_PUBLIC_PAGES.get(sender._meta.label, frozenset()) if sender else frozenset()
    if update_fields and frozenset(update_fields) <= unseen:
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_invalidation() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS:
            post_save.connect(
                content_changed,
                sender=model,
                weak=False,
                dispatch_uid=f"page-cache-save-{model._meta.label}",
            )
            post_delete.connect(
                content_changed,
                sender=model,
                weak=False,
                dispatch_uid=f"page-cache-delete-{model._meta.label}",
            )
    m2m_changed.connect(content_changed, weak=False, dispatch_uid="page-cache-m2m")


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(PRIVATE_PREFIXES)
        and not any(part in request.path for part in PRIVATE_PARTS)
    )


def _key(request) -> str:
    return "page-cache:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()


def anonymous_page_cache(get_response):
    def middleware(request):
        if not _cacheable_request(request):
            return get_response(request)
        key = _key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        stored = found.get(key)
        if stored is not None and version is not None and stored[0] == version:
            _version, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        if version is None:
            version = content_version()
        # The version read before rendering: a change while rendering makes the entry stale.
        response = get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and b"csrfmiddlewaretoken" not in response.content
            and not any(hasattr(response, name) for name in PER_VIEW_SECURITY)
        ):
            headers = dict(response.headers.items())
            cache.set(key, (version, response.status_code, headers, response.content), TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response

    return middleware
