"""The circulars in the network area: navigation, start page news, personal data."""

from django.utils.translation import gettext_lazy as _

from network import areas
from network.circulars import search, selectors, services
from vmdo_portal import personal_data, sections
from vmdo_portal import search as site_search

areas.register("network:circulars", _("Circulars"), 50)


def news(request, since):
    """Circulars sent since the person's previous visit, or nothing."""
    circulars = selectors.circulars_since(since)
    return {"circulars": circulars} if circulars else None


sections.register(areas.START_SLOT, "network/circulars/news.html", news)
personal_data.register(
    "network.circulars", export=services.personal_data, erase=services.personal_data_erase
)
site_search.source_register("network", search.circulars, order=50)
