"""The library's search and filters (django-filter); the state lives in the URL."""

import django_filters as filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from network.models import Resource, ResourceLanguage
from vmdo_portal.folding import folded_search, translations_shown, words
from vmdo_portal.vocabulary import language_choices


class ResourceFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="search", max_length=200)
    topic = filters.ChoiceFilter(
        label=_("Topic"), choices=Resource.Topic.choices, empty_label=_("All topics")
    )
    language = filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, method="in_language",
        empty_label=_("All languages"),
    )  # fmt: skip
    kind = filters.ChoiceFilter(
        label=_("Kind"), choices=Resource.Kind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Resource
        fields = []

    def search(self, queryset, name, value):
        # Title and summary in German and the reader's language, folded like the site
        # search (umlauts, accents; typos in titles on PostgreSQL).
        return folded_search(
            queryset,
            words(value),
            [*translations_shown("title"), *translations_shown("summary")],
            translations_shown("title"),
        )

    def in_language(self, queryset, name, value):
        return queryset.filter(
            Exists(ResourceLanguage.objects.filter(resource=OuterRef("pk"), code=value))
        )
