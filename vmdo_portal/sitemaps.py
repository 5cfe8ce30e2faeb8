"""The sitemap: the portal's own pages, and whatever the apps register.

Each app defines its sitemaps in its own `sitemaps.py` and registers them in its
AppConfig.ready() (`register("projects", ProjectSitemap)`), so this module knows no app.
`/sitemap.xml` lists the sections in the order they were registered.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from vmdo_portal.models import Page
from vmdo_portal.site_url import site_domain, site_scheme


class PortalSitemap(Sitemap):
    """Every public page in every portal language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]

    # The sitemap view passes the request's host; the addresses come from SITE_URL.
    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return site_scheme()


class PageSitemap(PortalSitemap):
    """Home and the staff-editable pages."""

    def items(self):
        return list(Page.objects.order_by("key"))

    def lastmod(self, page):
        return page.updated_at


# The sitemap view reads this dict on every request; apps add to it in ready().
SITEMAPS: dict[str, type[Sitemap]] = {"pages": PageSitemap}


def register(section: str, sitemap: type[Sitemap]) -> None:
    SITEMAPS.setdefault(section, sitemap)
