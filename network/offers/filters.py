"""The list's filters (django-filter): kind, category, language, district."""

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.models import OfferPost
from vmdo_portal.vocabulary import District, language_choices


class OfferFilter(filters.FilterSet):
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

    def in_district(self, queryset, name, value):
        # A post for all of Dortmund (no district) is in every district.
        return queryset.filter(Q(district=value) | Q(district=""))
