from django.conf import settings
from django.contrib.sitemaps import Sitemap

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
