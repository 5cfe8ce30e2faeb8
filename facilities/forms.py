from datetime import date

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from facilities import rules
from facilities.models import BookingSeries, Room
from vmdo_portal.forms import DateField
from vmdo_portal.l10n import format_date
from vmdo_portal.text import reject_control_characters


class BookingRequestForm(forms.Form):
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.filter(bookable=True),
        to_field_name="slug",
        empty_label=None,
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, validators=[reject_control_characters]
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attendees = forms.IntegerField(label=_("Expected attendees"), min_value=1, max_value=10000)
    first_date = DateField(label=_("Date"))
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    frequency = forms.ChoiceField(
        label=_("Repeat"),
        choices=BookingSeries.Frequency.choices,
        widget=forms.RadioSelect,
        initial="once",
    )
    interval_weeks = forms.IntegerField(
        label=_("Every … weeks"), min_value=1, max_value=8, initial=1, required=False
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these weekdays"),
        choices=[(number, WEEKDAYS[number]) for number in range(7)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    until_date = DateField(label=_("Until (date)"), required=False)
    count = forms.IntegerField(
        label=_("or number of dates"), min_value=1, max_value=100, required=False
    )
    skip_dates = forms.TypedMultipleChoiceField(
        label=_("Skip these dates"),
        required=False,
        coerce=date.fromisoformat,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, skip_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].label_from_instance = lambda room: (
            _("%(name)s – %(capacity)d seats%(step_free)s")
            % {
                "name": room.name,
                "capacity": room.capacity,
                "step_free": _(", step-free") if room.step_free else "",
            }
        )
        self.fields["skip_dates"].choices = [
            (day.isoformat(), format_date(day, "yMEd")) for day in skip_choices
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("frequency") == "weekly" and not (
            cleaned.get("until_date") or cleaned.get("count")
        ):
            self.add_error("until_date", rules.WEEKLY_NEEDS_AN_END)
        first = cleaned.get("first_date")
        if first and first > timezone.localdate().replace(year=timezone.localdate().year + 5):
            self.add_error("first_date", _("Please choose a date within the next years."))
        return cleaned

    def request_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "room": data["room"],
            "attendees": data["attendees"],
            "first_date": data["first_date"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "frequency": data["frequency"],
            "interval_weeks": data.get("interval_weeks") or 1,
            "weekdays": data.get("weekdays") or [],
            "until_date": data.get("until_date"),
            "count": data.get("count"),
        }


class BookingTimesForm(forms.Form):
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
