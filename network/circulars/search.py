"""The circulars in the site search (a source of the closed area "network", see
vmdo_portal.search): sent circulars, by subject and text in the reader's language and
German."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.circulars.selectors import circulars_archive
from vmdo_portal.search import folded_search, group_of, translations_shown


def circulars(query, query_words, now, user):
    queryset = folded_search(
        circulars_archive(),
        query_words,
        [*translations_shown("subject"), *translations_shown("body")],
        translations_shown("subject"),
    ).order_by("-title_match", "-sent_at", "-pk")
    return group_of(
        "network-circulars",
        _("Circulars"),
        queryset,
        "network/circulars/search_result.html",
        reverse("network:circulars"),
        _("All circulars"),
    )
