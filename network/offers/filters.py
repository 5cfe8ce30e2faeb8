"""The list's filters (django-filter): kind, category, language, district."""

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.models import OfferPost
from vmdo_portal.folding import folded_search, words
from vmdo_portal.vocabulary import District, language_choices


def search(queryset, query_words):
    """Posts whose title or text hold every word (folded, typo-tolerant), annotated with
    `title_match` (the title matched)."""
    return folded_search(queryset, query_words, ["title", "text"], ["title"])


class OfferFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="search", max_length=200)
    kind = filters.ChoiceFilter(
        label=_("Offers or requests"),
        choices=OfferPost.Kind.choices,
        empty_label=_("Offers and requests"),
    )
    category = filters.ChoiceFilter(
        label=_("Category"), choices=OfferPost.Category.choices, empty_label=_("All categories")
    )
    language = filters.ChoiceFilter(
        label=_("Language"),
        choices=language_choices,
        field_name="languages__code",
        empty_label=_("All languages"),
    )
    district = filters.ChoiceFilter(
        label=_("District"),
        choices=District.choices,
        empty_label=_("All districts"),
        method="in_district",
    )

    class Meta:
        model = OfferPost
        fields = []

    def search(self, queryset, name, value):
        return search(queryset, words(value))

    def in_district(self, queryset, name, value):
        # A post for all of Dortmund (no district) is in every district.
        return queryset.filter(Q(district=value) | Q(district=""))
