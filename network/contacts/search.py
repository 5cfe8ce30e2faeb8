"""The contact list in the site search (a source of the closed area "network", see
vmdo_portal.search): people who agreed, found by name, role or association."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from network.contacts import selectors
from vmdo_portal.search import group_of


def contacts(query, query_words, now, user):
    queryset = selectors.search(selectors.listed(), query_words).order_by("-title_match", "name")
    return group_of(
        "network-contacts",
        _("Contacts"),
        queryset,
        "network/contacts/search_result.html",
        reverse("network:contacts") + "?" + urlencode({"q": query}),
        _("Search and filter contact people"),
    )
