"""Biete / Suche plugs into the area: navigation, news on the start page, personal data,
the site search."""

from django.utils.translation import gettext_lazy as _

from network import areas
from network.offers import search, selectors, services
from vmdo_portal import personal_data, sections
from vmdo_portal import search as site_search


def news(request, since):
    """Offers and requests that appeared since the person's last visit, or nothing."""
    posts, count = selectors.news_since(since)
    if not count:
        return None
    return {"posts": posts, "count": count}


areas.register("network:offers", _("Offers and requests"), 20)
sections.register(areas.START_SLOT, "network/offers/news.html", news)
personal_data.register(
    "network.offers", export=services.personal_data, erase=services.personal_data_erase
)
site_search.source_register("network", search.offers, order=20)
