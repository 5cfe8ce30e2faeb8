from django.urls import reverse

from facilities.models import Facility, Room
from members.sitemaps import AssociationSitemap
from projects.models import Project, Site
from vmdo_portal.models import Page
from vmdo_portal.sitemap_base import PortalSitemap


class PageSitemap(PortalSitemap):
    """Home and the staff-editable pages."""

    def items(self):
        return list(Page.objects.order_by("key"))

    def lastmod(self, page):
        return page.updated_at


class ProjectSitemap(PortalSitemap):
    def items(self):
        return list(Project.objects.published().order_by("slug"))


class SiteSitemap(PortalSitemap):
    def items(self):
        return list(Site.objects.active().order_by("slug"))


class HouseSitemap(PortalSitemap):
    def items(self):
        house = ["facilities:house"] if Facility.objects.exists() else []
        return [*house, *Room.objects.filter(bookable=True).order_by("slug")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()


SITEMAPS = {
    "pages": PageSitemap,
    "associations": AssociationSitemap,
    "projects": ProjectSitemap,
    "sites": SiteSitemap,
    "house": HouseSitemap,
}
