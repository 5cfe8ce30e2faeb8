"""The calendar's filters (django-filter); the filter state lives in the URL and the feed URL."""

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from events.models import Category, Event
from members.models import Association
from projects.models import Project
from vmdo_portal.vocabulary import language_choices


class EventFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="search", max_length=200)
    date_from = filters.DateFilter(
        label=_("From"), method="from_date", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = filters.DateFilter(
        label=_("Until"), method="to_date", widget=forms.DateInput(attrs={"type": "date"})
    )
    category = filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="slug",
        field_name="categories", empty_label=_("All categories"),
    )  # fmt: skip
    language = filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, field_name="languages__code",
        empty_label=_("All languages"),
    )  # fmt: skip
    organiser = filters.ModelChoiceFilter(
        label=_("Association"), queryset=Association.objects.public(), to_field_name="slug",
        field_name="organiser_associations", empty_label=_("All associations"),
    )  # fmt: skip
    project = filters.ModelChoiceFilter(
        label=_("Project"), queryset=Project.objects.published(), to_field_name="slug",
        field_name="organiser_projects", empty_label=_("All projects"),
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

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        language = get_language()
        return queryset.filter(
            Q(title_de__icontains=value)
            | Q(**{f"title_{language}__icontains": value})
            | Q(summary_de__icontains=value)
            | Q(**{f"summary_{language}__icontains": value})
        )

    def from_date(self, queryset, name, value):
        return queryset.filter(end__date__gte=value)

    def to_date(self, queryset, name, value):
        return queryset.filter(start__date__lte=value)

    def only_free(self, queryset, name, value):
        return queryset.filter(is_free=True) if value else queryset

    def registration_open(self, queryset, name, value):
        if not value:
            return queryset
        now = timezone.now()
        return queryset.filter(
            Q(registration_deadline__isnull=True) | Q(registration_deadline__gt=now),
            registration=Event.Registration.PORTAL, status=Event.Status.PUBLISHED, start__gt=now,
        )  # fmt: skip
