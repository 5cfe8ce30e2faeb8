"""Offers and requests in the site search (a source of the closed area "network", see
vmdo_portal.search): current posts, by title and text."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from network.offers.filters import search
from network.offers.selectors import current_posts
from vmdo_portal.search import group_of


def offers(query, query_words, now, user):
    queryset = search(current_posts().select_related("association"), query_words)
    return group_of(
        "network-offers",
        _("Offers and requests"),
        queryset.order_by("-title_match", "-created_at", "-pk"),
        "network/offers/search_result.html",
        reverse("network:offers") + "?" + urlencode({"q": query}),
        _("Search offers and requests"),
    )
