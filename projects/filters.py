import django_filters as filters
from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Service, Site
from vmdo_portal.vocabulary import District, language_choices


class SiteFilter(filters.FilterSet):
    service = filters.ModelChoiceFilter(
        label=_("Service"),
        queryset=Service.objects.all(),
        to_field_name="slug",
        field_name="services",
        empty_label=_("All services"),
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
    step_free = filters.BooleanFilter(
        label=_("Step-free access"), method="only_if_checked", widget=forms.CheckboxInput
    )
    open_now = filters.BooleanFilter(
        label=_("Open now"), method="open_now_later", widget=forms.CheckboxInput
    )

    class Meta:
        model = Site
        fields = []

    def only_if_checked(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset

    def open_now_later(self, queryset, name, value):
        # "Open now" depends on the clock and the exceptions: the view filters it.
        return queryset
