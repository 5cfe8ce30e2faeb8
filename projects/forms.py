"""Back-office forms: opening hours without JSON, PDFs and images checked by content."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from projects.models import Document, Project, Site, SiteException
from vmdo_portal import opening_hours
from vmdo_portal.files import clean_pdf
from vmdo_portal.images import clean_image
from vmdo_portal.uploads import original_name

IMAGE_MAX_BYTES = 5 * 1024 * 1024
MODE_CHOICES = list(opening_hours.MODES.items())


HOURS_FIELDS = [
    name for day in opening_hours.WEEKDAYS for name in (f"hours_{day}_mode", f"hours_{day}_ranges")
]


class SiteAdminForm(forms.ModelForm):
    """One row per weekday: open / by appointment / closed, and times like 09:00-12:00."""

    for _day in opening_hours.WEEKDAYS:
        locals()[f"hours_{_day}_mode"] = forms.ChoiceField(choices=MODE_CHOICES)
        locals()[f"hours_{_day}_ranges"] = forms.CharField(
            required=False, max_length=200, help_text=_("e.g. 09:00-12:00, 13:00-16:00")
        )
    del _day

    class Meta:
        model = Site
        exclude = ["opening_hours"]  # noqa: DJ006 - the admin lists the fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        week = (self.instance.opening_hours if self.instance.pk else None) or {}
        for day, label in zip(opening_hours.WEEKDAYS, opening_hours.weekday_names(), strict=True):
            plan = week.get(day, {"mode": opening_hours.CLOSED})
            mode, ranges = self.fields[f"hours_{day}_mode"], self.fields[f"hours_{day}_ranges"]
            mode.label, mode.initial = label, plan["mode"]
            ranges.label = _("%(day)s: times") % {"day": label}
            ranges.initial = opening_hours.format_ranges(plan.get("ranges"))

    def clean(self):
        cleaned = super().clean()
        if any(name not in cleaned for name in HOURS_FIELDS):
            return cleaned  # a field already shows its own error
        week = {}
        for day in opening_hours.WEEKDAYS:
            mode = cleaned[f"hours_{day}_mode"]
            week[day] = {"mode": mode}
            if mode == opening_hours.OPEN:
                week[day]["ranges"] = opening_hours.parse_ranges(cleaned[f"hours_{day}_ranges"])
        try:
            self.instance.opening_hours = opening_hours.validate_week(week)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return cleaned


class SiteExceptionForm(forms.ModelForm):
    hours = forms.CharField(
        label=_("hours"), required=False, max_length=200, help_text=_("e.g. 10:00-14:00")
    )

    class Meta:
        model = SiteException
        exclude = ["ranges"]  # noqa: DJ006 - the admin lists the fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].initial = opening_hours.format_ranges(self.instance.ranges)

    def clean(self):
        # The model's clean() checks the hours when the form validates the instance.
        cleaned = super().clean()
        self.instance.ranges = opening_hours.parse_ranges(cleaned.get("hours"))
        self.instance.mode = cleaned.get("mode", opening_hours.CLOSED)
        return cleaned


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file", "language", "date", "project"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "application/pdf"})}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload
            clean_pdf(upload)
            self.instance.size = upload.size
            self.instance.original_name = original_name(upload)
        return upload


class ProjectAdminForm(forms.ModelForm):
    class Meta:
        model = Project
        exclude = ["image_thumbnail"]  # noqa: DJ006 - the admin lists the fields

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and hasattr(upload, "content_type"):
            self.clean_upload = clean_image(upload, max_bytes=IMAGE_MAX_BYTES)
        return upload
