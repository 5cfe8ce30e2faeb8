"""The knowledge library in the site search (a source of the closed area "network", see
vmdo_portal.search): published resources, by title and summary in the reader's language
and German."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from network.library.selectors import resources_for_search
from vmdo_portal.search import folded_search, group_of, translations_shown


def resources(query, query_words, now, user):
    queryset = folded_search(
        resources_for_search(),
        query_words,
        [*translations_shown("title"), *translations_shown("summary")],
        translations_shown("title"),
    ).order_by("-title_match", "-published_at")
    return group_of(
        "network-resources",
        _("Knowledge"),
        queryset,
        "network/library/search_result.html",
        reverse("network:library_list") + "?" + urlencode({"q": query}),
        _("Search the knowledge library"),
    )
