"""The directory's search and filters (django-filter); the state lives in the URL."""

import django_filters as filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from members import search as association_search
from members.models import Association, Community, FieldOfActivity
from vmdo_portal.collation import CollatedModelChoiceFilter
from vmdo_portal.vocabulary import District, language_choices

SORTS = {
    "name": ["name"],
    "newest": [F("founded_year").desc(nulls_last=True), "name"],
    "oldest": [F("founded_year").asc(nulls_last=True), "name"],
}


class DirectoryFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="search", max_length=200)
    field = filters.ModelChoiceFilter(
        label=_("Field of activity"),
        queryset=FieldOfActivity.objects.all(),
        to_field_name="slug",
        field_name="fields_of_activity",
        empty_label=_("All fields"),
    )
    language = filters.ChoiceFilter(
        label=_("Language"),
        choices=language_choices,
        field_name="languages__code",
        empty_label=_("All languages"),
    )
    district = filters.ChoiceFilter(
        label=_("District"), choices=District.choices, empty_label=_("All districts")
    )
    community = CollatedModelChoiceFilter(
        label=_("Community"),
        queryset=Community.objects.all(),
        to_field_name="slug",
        field_name="communities",
        empty_label=_("All communities"),
    )
    founding_member = filters.BooleanFilter(
        label=_("Founding members only"), method="founding", widget=forms.CheckboxInput
    )
    sort = filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("", _("relevance, then name")),
            ("name", _("name")),
            ("newest", _("youngest first")),
            ("oldest", _("oldest first")),
        ],
    )

    class Meta:
        model = Association
        fields = []

    def founding(self, queryset, name, value):
        return queryset.filter(founding_member=True) if value else queryset

    def sort_by(self, queryset, name, value):
        # Sorting happens in filter_queryset, after the search ranked the rows.
        return queryset

    def search(self, queryset, name, value):
        # Folded, typo-tolerant, in every language and list (members.search).
        return association_search.search(queryset, value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or ""
        if sort in SORTS:
            return queryset.order_by(*SORTS[sort])
        if "rank" in queryset.query.annotations:
            return association_search.order_by_rank(queryset)
        return queryset.order_by("name")
