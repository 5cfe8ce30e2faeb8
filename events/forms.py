import re
from datetime import date, datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Category, Event, EventSeries
from facilities.models import Room
from projects.models import Site
from vmdo_portal import recurrence
from vmdo_portal.forms import DateField
from vmdo_portal.text import reject_control_characters
from vmdo_portal.vocabulary import language_choices


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150, validators=[reject_control_characters]
    )
    email = forms.EmailField(label=_("Email address"))
    people = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=10, initial=1)
    # Set by the "join the waiting list" button shown when the group is bigger than the
    # places left; never rendered as a field of its own.
    waiting_list = forms.BooleanField(required=False, widget=forms.HiddenInput)


class EventForm(forms.Form):
    """An association's event, optionally with a room booking in the Haus der Vielfalt."""

    title = forms.CharField(
        label=_("Title"), max_length=200, validators=[reject_control_characters]
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=300, required=False, validators=[reject_control_characters]
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    first_date = DateField(label=_("Date"))
    all_day = forms.BooleanField(label=_("All day"), required=False)
    start_time = forms.TimeField(
        label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[("", _("does not repeat")), *EventSeries.Frequency.choices],
        required=False,
    )
    count = forms.IntegerField(
        label=_("Number of dates"), min_value=1, max_value=60, required=False
    )
    until_date = DateField(label=_("or until"), required=False)
    left_out = forms.CharField(
        label=_("Leave out these dates"),
        required=False,
        max_length=500,
        help_text=_("e.g. 24.12.2026, 31.12.2026"),
    )
    location_kind = forms.ChoiceField(
        label=_("Where"), choices=Event.Location.choices, widget=forms.RadioSelect
    )
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.filter(bookable=True),
        required=False,
        to_field_name="slug",
    )
    book_room = forms.BooleanField(
        label=_("Request this room for the event"), required=False, initial=True
    )
    attendees = forms.IntegerField(
        label=_("Expected attendees"), min_value=1, max_value=10000, required=False
    )
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.active(), required=False, to_field_name="slug"
    )
    address = forms.CharField(
        label=_("Address"), max_length=300, required=False, validators=[reject_control_characters]
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"), queryset=Category.objects.all(), to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Events for the member associations are VMDO's (trainings), set up in the back office.
    audience = forms.ChoiceField(
        label=_("For"),
        choices=[
            (value, label)
            for value, label in Event.Audience.choices
            if value != Event.Audience.MEMBERS
        ],
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    price = forms.CharField(
        label=_("Price"), max_length=100, required=False, validators=[reject_control_characters]
    )
    registration = forms.ChoiceField(
        label=_("Registration"), choices=Event.RegistrationMode.choices
    )
    registration_url = forms.URLField(
        label=_("Registration link"), required=False, assume_scheme="https"
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100000, required=False)

    def clean_left_out(self):
        dates = []
        for part in re.split(r"[,;\s]+", self.cleaned_data.get("left_out") or ""):
            if not part:
                continue
            try:
                dates.append(datetime.strptime(part, "%d.%m.%Y").date())
            except ValueError:
                try:
                    dates.append(date.fromisoformat(part))
                except ValueError:
                    raise forms.ValidationError(
                        _("%(value)s is not a date like 24.12.2026.") % {"value": part[:20]}
                    ) from None
        return dates

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # Dates of a series and room requests are set when the event is created.
            for name in ("repeat", "count", "until_date", "left_out", "book_room", "attendees"):
                del self.fields[name]

    # The fields that belong to one choice of location, price or registration; the
    # template groups them (static/js/event-form.js hides the groups that do not apply).
    LOCATION_FIELDS = {
        Event.Location.ROOM: ("room", "book_room", "attendees"),
        Event.Location.SITE: ("site",),
        Event.Location.ADDRESS: ("address",),
        Event.Location.ONLINE: ("online_url",),
    }
    REGISTRATION_FIELDS = {
        Event.RegistrationMode.NONE: (),
        Event.RegistrationMode.EXTERNAL: ("registration_url",),
        Event.RegistrationMode.PORTAL: ("capacity",),
    }

    def _not_chosen(self, cleaned) -> set[str]:
        """The fields of the options not chosen: whatever is left in them is ignored."""
        names = set()
        kind = cleaned.get("location_kind")
        if kind:
            for option, fields in self.LOCATION_FIELDS.items():
                names.update(fields if option != kind else ())
        registration = cleaned.get("registration")
        if registration:
            for option, fields in self.REGISTRATION_FIELDS.items():
                names.update(fields if option != registration else ())
        if cleaned.get("is_free"):
            names.add("price")
        return names & set(self.fields)

    def clean(self):
        cleaned = super().clean()
        for name in self._not_chosen(cleaned):
            # A value in a hidden group neither counts nor stops the form.
            self._errors.pop(name, None)
            field = self.fields[name]
            cleaned[name] = False if isinstance(field, forms.BooleanField) else None
        kind = cleaned.get("location_kind")
        missing = {
            Event.Location.ROOM: ("room", _("Please choose the room.")),
            Event.Location.SITE: ("site", _("Please choose the project site.")),
            Event.Location.ADDRESS: ("address", _("Please give the address.")),
            Event.Location.ONLINE: ("online_url", _("Please give the online link.")),
        }
        if (
            kind in missing
            and not cleaned.get(missing[kind][0])
            and not self.has_error(missing[kind][0])
        ):
            self.add_error(*missing[kind])
        if cleaned.get("is_free") is False and not (
            cleaned.get("price") or self.has_error("price")
        ):
            self.add_error("price", _("Please give the price, or choose free of charge."))
        if not cleaned.get("all_day") and (
            not cleaned.get("start_time") or not cleaned.get("end_time")
        ):
            self.add_error(
                "start_time", _("Please give a start and an end time, or choose all day.")
            )
        if cleaned.get("repeat") and not (cleaned.get("count") or cleaned.get("until_date")):
            self.add_error("count", recurrence.NEEDS_AN_END)
        registration = cleaned.get("registration")
        if registration == Event.RegistrationMode.PORTAL and not (
            cleaned.get("capacity") or self.has_error("capacity")
        ):
            self.add_error("capacity", _("Registration on the portal needs a number of places."))
        if registration == Event.RegistrationMode.EXTERNAL and not (
            cleaned.get("registration_url") or self.has_error("registration_url")
        ):
            self.add_error("registration_url", _("Please give the registration link."))
        return cleaned

    # Set when an event is created, not when it is changed (event_update).
    CREATION_ONLY = ("book_room", "attendees", "series", "summary_de", "description_de")

    def update_kwargs(self) -> dict:
        """The cleaned data as services.event_update takes it."""
        return {k: v for k, v in self.event_kwargs().items() if k not in self.CREATION_ONLY}

    def event_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "title": data["title"],
            "summary": data["summary"],
            "summary_de": data["summary"],
            "description": data["description"],
            "description_de": data["description"],
            "first_date": data["first_date"],
            "all_day": data["all_day"],
            "start_time": data.get("start_time"),
            "end_time": data.get("end_time"),
            "location_kind": data["location_kind"],
            "room": data.get("room") if data["location_kind"] == "room" else None,
            "site": data.get("site") if data["location_kind"] == "site" else None,
            "address": data.get("address") or "",
            "online_url": data.get("online_url") or "",
            "categories": list(data["categories"]),
            "languages": data["languages"],
            "audience": data["audience"],
            "is_free": data["is_free"],
            "price": data.get("price") or "",
            "registration": data["registration"],
            "registration_url": data.get("registration_url") or "",
            "capacity": data.get("capacity"),
            "book_room": bool(data.get("book_room")) and data["location_kind"] == "room",
            "attendees": data.get("attendees") or 1,
        }
        if data.get("repeat"):
            kwargs["series"] = {
                "frequency": data["repeat"],
                "count": data.get("count"),
                "until_date": data.get("until_date"),
                "exceptions": data.get("left_out") or [],
            }
        return kwargs
