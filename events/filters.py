"""The calendar's filters (django-filter); the filter state lives in the URL and the feed URL.

Filters on the many-valued relations (languages, categories, organisers) are EXISTS
subqueries, not joins, so a matching event comes back once and no DISTINCT is needed.
"""

from datetime import date, datetime, time

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models import Category, Event, EventLanguage
from members.models import Association
from projects.models import Project
from vmdo_portal.folding import folded_search, translations_shown, words
from vmdo_portal.vocabulary import language_choices

EARLIEST = date(1900, 1, 1)


def _has(relation, **lookups):
    """EXISTS (a row of the relation for this event matching the lookups)."""
    return Exists(relation.objects.filter(event=OuterRef("pk"), **lookups))


class EventFilter(filters.FilterSet):
    """Filters a range of events (upcoming, archive, the feed's window) given as queryset.

    The organiser and project choices are only those with an event in that range, plus
    the one already chosen in the URL, so links to a quiet organiser's calendar still work.
    """

    q = filters.CharFilter(label=_("Search"), method="search", max_length=200)
    date_from = filters.DateFilter(
        label=pgettext_lazy("first day of a date range", "From"),
        method="from_date",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = filters.DateFilter(
        label=pgettext_lazy("last day of a date range", "Until"),
        method="to_date",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    category = filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="slug",
        method="with_category", empty_label=_("All categories"),
    )  # fmt: skip
    language = filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, method="in_language",
        empty_label=_("All languages"),
    )  # fmt: skip
    organiser = filters.ModelChoiceFilter(
        label=_("Association"), queryset=Association.objects.none(), to_field_name="slug",
        method="by_association", empty_label=_("All associations"),
    )  # fmt: skip
    project = filters.ModelChoiceFilter(
        label=_("Project"), queryset=Project.objects.none(), to_field_name="slug",
        method="by_project", empty_label=_("All projects"),
    )  # fmt: skip
    location = filters.ChoiceFilter(
        label=_("Where"), choices=Event.Location.choices, field_name="location_kind",
        empty_label=_("Anywhere"),
    )  # fmt: skip
    free = filters.BooleanFilter(
        label=_("Free of charge only"), method="only_free", widget=forms.CheckboxInput
    )
    open_registration = filters.BooleanFilter(
        label=_("Registration open"), method="registration_open", widget=forms.CheckboxInput
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        in_range = self.queryset.order_by()
        self.filters["organiser"].queryset = self._offered(
            Association.objects.public().only("pk", "slug", "name"),
            in_range.filter(organiser_associations=OuterRef("pk")),
            self.data.get("organiser"),
        )
        self.filters["project"].queryset = self._offered(
            Project.objects.published(),
            in_range.filter(organiser_projects=OuterRef("pk")),
            self.data.get("project"),
        )

    @staticmethod
    def _offered(queryset, events, chosen):
        """Those with an event in range, and the chosen one (if it is public at all)."""
        offered = Q(Exists(events))
        if chosen:
            offered |= Q(slug=chosen)
        return queryset.filter(offered)

    def search(self, queryset, name, value):
        # Folded like the site search: umlauts, accents and (on PostgreSQL) typos.
        return folded_search(
            queryset,
            words(value),
            [*translations_shown("title"), *translations_shown("summary")],
            translations_shown("title"),
        )

    def from_date(self, queryset, name, value):
        # Events still running after the day begins (local midnight): an all-day event's
        # end is the next midnight, exclusive, so the day before's does not count.
        # No event ends before 1900; earlier dates (year 1) would not convert to UTC.
        value = max(value, EARLIEST)
        return queryset.filter(end__gt=timezone.make_aware(datetime.combine(value, time())))

    def to_date(self, queryset, name, value):
        return queryset.filter(start__date__lte=value)

    def with_category(self, queryset, name, value):
        return queryset.filter(_has(Event.categories.through, category=value))

    def in_language(self, queryset, name, value):
        return queryset.filter(_has(EventLanguage, code=value))

    def by_association(self, queryset, name, value):
        return queryset.filter(_has(Event.organiser_associations.through, association=value))

    def by_project(self, queryset, name, value):
        return queryset.filter(_has(Event.organiser_projects.through, project=value))

    def only_free(self, queryset, name, value):
        return queryset.filter(is_free=True) if value else queryset

    def registration_open(self, queryset, name, value):
        return queryset.registration_open() if value else queryset
