from django.conf import settings
from django.contrib.sitemaps import Sitemap


class PortalSitemap(Sitemap):
    """Every public page in every portal language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]
