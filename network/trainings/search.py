"""The trainings in the site search (a source of the closed area "network", see
vmdo_portal.search): upcoming trainings for the member associations, by title and
summary in the reader's language and German."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event
from vmdo_portal.search import folded_search, group_of, translations_shown


def trainings(query, query_words, now, user):
    queryset = folded_search(
        Event.objects.for_members().filter(end__gte=now),
        query_words,
        [*translations_shown("title"), *translations_shown("summary")],
        translations_shown("title"),
    ).order_by("-title_match", "start", "pk")
    return group_of(
        "network-trainings",
        _("Trainings"),
        queryset,
        "network/trainings/search_result.html",
        reverse("network:trainings"),
        _("All trainings"),
    )
