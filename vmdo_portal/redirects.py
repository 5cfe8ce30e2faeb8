"""Redirect targets that come from the request (`?next=`, form fields) stay on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_redirect(request, url: str | None) -> bool:
    """True for a path on this site (or an absolute URL of this host and scheme)."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request, default: str, *, field: str = "next") -> str:
    """The request's `next` target if it stays on the site, else `default`."""
    url = request.POST.get(field) or request.GET.get(field)
    return url if is_safe_redirect(request, url) else default
