"""Absolute addresses of the portal's pages, from the configured SITE_URL.

Never from the request: the Host header is chosen by the client, and a page rendered for
one request is served from the page cache to everyone else.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`/de/vereine/` → `https://portal.vmdo.de/de/vereine/`; a full URL stays as it is."""
    return urljoin(settings.SITE_URL + "/", path)


def site_scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme


def site_domain() -> str:
    """Host (and port, if any) of SITE_URL, e.g. `portal.vmdo.de`."""
    return urlsplit(settings.SITE_URL).netloc
