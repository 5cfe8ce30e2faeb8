from django.urls import reverse

from facilities.models import Facility, Room
from vmdo_portal.sitemaps import PortalSitemap


class HouseSitemap(PortalSitemap):
    """The house's page and its bookable rooms."""

    def items(self):
        house = ["facilities:house"] if Facility.objects.exists() else []
        return [*house, *Room.objects.filter(bookable=True).order_by("slug")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
