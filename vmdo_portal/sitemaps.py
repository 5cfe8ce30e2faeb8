from django.conf import settings
from django.contrib.sitemaps import Sitemap

from members.sitemaps import AssociationSitemap
from vmdo_portal.models import Page


class PageSitemap(Sitemap):
    """Home and the staff-editable pages, in every portal language."""

    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]

    def items(self):
        return list(Page.objects.order_by("key"))

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {"pages": PageSitemap, "associations": AssociationSitemap}
