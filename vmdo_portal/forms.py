from allauth.account.forms import PasswordField
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from vmdo_portal.dates import FIRST_DAY, LAST_DAY
from vmdo_portal.l10n import format_date
from vmdo_portal.text import reject_control_characters


class DeleteAccountForm(forms.Form):
    password = PasswordField(label=_("Your password"), autocomplete="current-password")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password

    def clean(self):
        from vmdo_portal.personal_data import deletion_holds

        for reason in deletion_holds(self.user):
            self.add_error(None, reason)
        return super().clean()


class PortalFormRenderer(TemplatesSetting):
    """Every form field sits in its own <div class="field"> (spacing, grouping)."""

    field_template_name = "forms/field.html"


class DateField(forms.DateField):
    """A date input within the portal's span of days (vmdo_portal.dates): year 1 or 9999
    are refused with a message here instead of overflowing in a later calculation."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                attrs={"type": "date", "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}
            ),
        )
        super().__init__(**kwargs)
        self.validators += date_span_validators()


class _DateLimit:
    """A date limit whose message gives the limit as the reader's locale writes a date
    (Django would show it as 1900-01-01)."""

    def __call__(self, value):
        cleaned = self.clean(value)
        if self.compare(cleaned, self.limit_value):
            params = {"limit_value": format_date(self.limit_value), "show_value": cleaned}
            raise ValidationError(self.message, code=self.code, params={**params, "value": value})


class MinDateValidator(_DateLimit, MinValueValidator):
    pass


class MaxDateValidator(_DateLimit, MaxValueValidator):
    pass


def date_span_validators():
    """Dates within the portal's span (vmdo_portal.dates), with a message either side."""
    return [
        MinDateValidator(FIRST_DAY, message=_("Please enter a date from %(limit_value)s on.")),
        MaxDateValidator(LAST_DAY, message=_("Please enter a date until %(limit_value)s.")),
    ]


def add_input_checks(field: forms.Field | None) -> forms.Field | None:
    """The checks every form of the portal makes, back office included: one-line texts
    refuse line breaks and control characters (they reach feeds, mail and exports), and
    dates stay within the portal's span (year 1 has no UTC time, 9999 no next day)."""
    if isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput):
        field.validators.append(reject_control_characters)
    elif isinstance(field, forms.DateField) and not isinstance(field, DateField):
        field.validators += date_span_validators()
    elif isinstance(field, forms.SplitDateTimeField):
        add_input_checks(field.fields[0])
    return field


def refuse_control_characters(form: forms.BaseForm) -> None:
    """Every one-line text input of the form (names, titles, phone, street …) refuses line
    breaks and control characters: for model forms, whose fields come from the models."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput):
            field.validators.append(reject_control_characters)
