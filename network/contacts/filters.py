"""The contact list's search and filters (django-filter); the state lives in the URL."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from members.models import FieldOfActivity
from network.contacts import selectors
from network.models import ContactListing
from vmdo_portal.collation import CollatedModelChoiceFilter
from vmdo_portal.folding import words
from vmdo_portal.vocabulary import District, language_choices


class ContactFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="search", max_length=200)
    language = filters.ChoiceFilter(
        label=_("Language"),
        choices=language_choices,
        field_name="languages__code",
        empty_label=_("All languages"),
    )
    field = filters.ModelChoiceFilter(
        label=_("Field of activity"),
        queryset=FieldOfActivity.objects.all(),
        to_field_name="slug",
        field_name="fields_of_activity",
        empty_label=_("All fields"),
    )
    district = filters.ChoiceFilter(
        label=_("District"),
        choices=District.choices,
        method="in_district",
        empty_label=_("All districts"),
    )
    association = CollatedModelChoiceFilter(
        label=_("Association"),
        queryset=selectors.listed_associations(),
        to_field_name="slug",
        method="of_association",
        empty_label=_("All associations"),
    )

    class Meta:
        model = ContactListing
        fields = []

    def search(self, queryset, name, value):
        return selectors.search(queryset, words(value))

    def in_district(self, queryset, name, value):
        # The district of the person's (member) association.
        return selectors.with_membership_in(queryset, district=value)

    def of_association(self, queryset, name, value):
        return selectors.with_membership_in(queryset, pk=value.pk)
