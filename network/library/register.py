"""Wissen in the network area: its navigation entry, its news on the start page, the
personal data it keeps (imported by NetworkConfig.ready through network.apps.PARTS)."""

from django.utils.translation import gettext_lazy as _

from network import areas
from network.library import search, selectors, services
from vmdo_portal import personal_data, sections
from vmdo_portal import search as site_search


def news(request, since):
    """Resources published since the person's last visit, or None."""
    resources, count = selectors.resources_new_since(since)
    if not resources:
        return None
    return {"resources": resources, "count": count}


areas.register("network:library_list", _("Knowledge"), 10)
sections.register(areas.START_SLOT, "network/library/news.html", news)
personal_data.register(
    "network.library", export=services.personal_data, erase=services.personal_data_erase
)
site_search.source_register("network", search.resources, order=10)
