from datetime import date

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from facilities import rules, selectors
from facilities.models import BookingSeries, Room
from vmdo_portal.forms import DateField
from vmdo_portal.text import reject_control_characters


class DateListField(forms.Field):
    """ISO dates, space-separated, in one or more values (a checkbox carries all the dates
    it lists)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return sorted({date.fromisoformat(day) for item in value or [] for day in item.split()})
        except ValueError:
            raise forms.ValidationError(_("Please check the availability again.")) from None


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
    # The conflicts block's button: its value is the conflicting dates it lists (ISO dates,
    # space-separated), so it skips what the person saw; only dates that conflict now are
    # skipped (a stale list never drops a free date).
    skip_dates = DateListField(label=_("Skip these dates"), required=False)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["room"].label_from_instance = lambda room: (
            _("%(name)s – %(capacity)d seats%(step_free)s")
            % {
                "name": room.name,
                "capacity": room.capacity,
                "step_free": _(", step-free") if room.step_free else "",
            }
        )

    @classmethod
    def checked(cls, data):
        """The form bound to `data` with the plan of the dates it asks for: a first pass
        without the skipped dates finds every conflict, skipped or not."""
        without_skips = data.copy()
        without_skips.pop("skip_dates", None)
        probe = cls(without_skips)
        plan = selectors.request_plan(**probe.request_kwargs()) if probe.is_valid() else None
        return cls(data, plan=plan)

    @property
    def conflicts(self) -> list:
        """The dates that conflict (booked, closed, outside the hours), skipped or not."""
        return [occurrence for occurrence in self.plan or [] if occurrence.conflicts]

    @property
    def skip_value(self) -> str:
        return " ".join(occurrence.day.isoformat() for occurrence in self.conflicts)

    @property
    def unresolved(self) -> list:
        """Conflicting dates the person has not chosen to skip."""
        skipped = set(self.cleaned_data.get("skip_dates") or []) if self.is_valid() else set()
        return [occurrence for occurrence in self.conflicts if occurrence.day not in skipped]

    @property
    def others(self) -> int:
        """How many dates are left when the conflicting ones are skipped."""
        return len(self.plan or []) - len(self.conflicts)

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

    def booking_kwargs(self) -> dict:
        """What services.booking_request needs from the form."""
        return {
            **self.request_kwargs(),
            "title": self.cleaned_data["title"],
            "purpose": self.cleaned_data["purpose"],
            "skip_dates": [
                o.day for o in self.conflicts if o.day in self.cleaned_data["skip_dates"]
            ],
        }

    def add_refusal(self, refused) -> None:
        for error in refused.errors:
            self.add_error(None, error)


class BookingTimesForm(forms.Form):
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
