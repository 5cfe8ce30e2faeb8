import base64

from allauth.account.forms import PasswordField, SetPasswordField
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from members import profile_fields
from members.models import (
    Association,
    Community,
    FieldOfActivity,
    Membership,
    MembershipApplication,
)
from vmdo_portal import held_uploads
from vmdo_portal.collation import collate
from vmdo_portal.forms import refuse_control_characters
from vmdo_portal.images import clean_image
from vmdo_portal.text import reject_control_characters
from vmdo_portal.vocabulary import language_choices

LOGO_MAX_BYTES = 5 * 1024 * 1024
LOGO_HOLD = "members.logo"
TEXT_MAX_LENGTH = 5000
phone_validator = RegexValidator(
    r"^\+?[0-9 ()/\-]{5,30}$", _("Enter a phone number with digits, spaces, +, -, / or ( ).")
)
postal_code_validator = RegexValidator(r"^[0-9]{5}$", _("Enter a German postal code (5 digits)."))


class ProfileForm(forms.ModelForm):
    """Everything an association may change about its own profile."""

    fields_of_activity = forms.ModelMultipleChoiceField(
        label=_("Fields of activity"),
        queryset=FieldOfActivity.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    communities = collate(
        forms.ModelMultipleChoiceField(
            label=_("Communities of origin"),
            queryset=Community.objects.all(),
            to_field_name="slug",
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    new_logo = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    minor_change = forms.BooleanField(
        label=_("Minor change – translations stay up to date"),
        required=False,
        help_text=_("For corrections such as a typo that do not change the meaning."),
    )

    class Meta:
        model = Association
        # "languages" are rows of their own: the form field above.
        fields = [name for name in profile_fields.names(profile_fields.FORM) if name != "languages"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for field in profile_fields.translated_fields()
            for name in profile_fields.expand(field)
        }

    def __init__(self, *args, logo_scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Who may use a logo held since a preview: this association, this account.
        self.logo_scope = logo_scope
        self.held_logo = ""
        self.fields["phone"].validators.append(phone_validator)
        self.fields["postal_code"].validators.append(postal_code_validator)
        refuse_control_characters(self)
        for field in profile_fields.translated_fields():
            for name in profile_fields.expand(field):
                _field, code = profile_fields.split(name)
                form_field = self.fields[name]
                form_field.max_length = TEXT_MAX_LENGTH
                form_field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
                form_field.widget.attrs.update(
                    {"lang": code, "dir": profile_fields.direction(code)}
                )
                label = profile_fields.label(field)
                form_field.label = f"{label} ({get_language_info(code)['name_local']})"
        self.clean_logo = None

    def groups(self) -> list[dict]:
        """The form's fields in the groups of members.profile_fields, for the template.
        The translated groups become one entry (`translations`) at the first one's place:
        the template shows them one language at a time (`language_panels`)."""
        shown = []
        for group, names in profile_fields.groups(profile_fields.FORM):
            if any(profile_fields.is_translated(name) for name in names):
                if not any(entry.get("translations") for entry in shown):
                    shown.append({"translations": True, "help": group.form_help})
                continue
            shown.append(
                {
                    "legend": group.legend_on(profile_fields.FORM),
                    "help": group.form_help,
                    "items": [self._item(self[name]) for name in names],
                }
            )
        return shown

    def _item(self, bound) -> dict:
        """A field for the template; long lists of checkboxes fold away behind a summary
        of what is chosen ("Sprachen: Arabisch, Deutsch")."""
        if not isinstance(bound.field.widget, forms.CheckboxSelectMultiple):
            return {"field": bound, "chosen": None}
        values = {str(value) for value in bound.value() or []}
        chosen = [str(label) for value, label in bound.field.choices if str(value) in values]
        return {"field": bound, "chosen": ", ".join(chosen) or _("none chosen")}

    def language_with_errors(self) -> str | None:
        """The first language whose texts have an error (to be shown first)."""
        for code in profile_fields.LANGUAGE_CODES:
            for field in profile_fields.translated_fields():
                if f"{field}_{code}" in self.errors:
                    return code
        return None

    def language_panels(self, *, selected: str, statuses: dict) -> list[dict]:
        """One entry per language: its name, translation status (`statuses`: language →
        TranslationStatus, translations.selectors.language_summary), and its text fields,
        each with the German original beside it (for the other languages)."""
        source = profile_fields.LANGUAGE_CODES[0]
        panels = []
        for code in profile_fields.LANGUAGE_CODES:
            fields = []
            for field in profile_fields.translated_fields():
                fields.append(
                    {
                        "field": self[f"{field}_{code}"],
                        "source": None if code == source else self[f"{field}_{source}"],
                    }
                )
            panels.append(
                {
                    "code": code,
                    "name": get_language_info(code)["name_local"],
                    "dir": profile_fields.direction(code),
                    "status": statuses[code].value,
                    "status_label": statuses[code].label,
                    "selected": code == selected,
                    "fields": fields,
                }
            )
        return panels

    def clean_new_logo(self):
        upload = self.cleaned_data.get("new_logo")
        if upload:
            self.clean_logo = clean_image(upload, max_bytes=LOGO_MAX_BYTES)
        return upload

    def clean(self):
        cleaned = super().clean()
        # No new file: the logo checked for a preview, if the form brings its token.
        token = self.data.get("held_logo", "")
        if self.clean_logo is None and "new_logo" not in self.errors and token:
            held = held_uploads.take(token, purpose=LOGO_HOLD, scope=self.logo_scope)
            try:
                self.clean_logo = held and clean_image(held, max_bytes=LOGO_MAX_BYTES)
            except ValidationError:
                self.clean_logo = None
            if self.clean_logo:
                self.held_logo = token
            else:
                self.add_error(
                    "new_logo",
                    _(
                        "The logo chosen for the preview is no longer available. "
                        "Please choose it again."
                    ),
                )
        return cleaned

    def hold_logo(self) -> str:
        """A token for the checked new logo, so that the next submit (after a preview or
        an error elsewhere in the form) keeps it without choosing the file again."""
        if not self.held_logo and self.clean_logo:
            self.held_logo = held_uploads.hold(
                self.clean_logo.image, purpose=LOGO_HOLD, scope=self.logo_scope
            )
        return self.held_logo

    def release_logo(self) -> None:
        """The held logo has been saved: delete the held copy."""
        if self.held_logo:
            held_uploads.release(self.held_logo, purpose=LOGO_HOLD, scope=self.logo_scope)

    def logo_preview_url(self) -> str:
        """The new logo's thumbnail as a data: URL, for the preview (never stored yet)."""
        if not self.clean_logo:
            return ""
        thumbnail = self.clean_logo.thumbnail
        extension = thumbnail.name.rsplit(".", 1)[-1]
        kind = "jpeg" if extension == "jpg" else extension
        thumbnail.seek(0)
        return f"data:image/{kind};base64,{base64.b64encode(thumbnail.read()).decode()}"

    def profile_data(self) -> dict:
        data = {field: self.cleaned_data[field] for field in profile_fields.SIMPLE_FIELDS}
        data["fields_of_activity"] = list(self.cleaned_data["fields_of_activity"])
        data["communities"] = list(self.cleaned_data["communities"])
        data["languages"] = self.cleaned_data["languages"]
        return data

    def update_kwargs(self) -> dict:
        """What services.association_profile_update needs from the form."""
        return {
            "data": self.profile_data(),
            "expected_version": self.cleaned_data["version"],
            "logo": self.clean_logo,
            "minor": self.cleaned_data["minor_change"],
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    language = forms.ChoiceField(
        label=_("Language of the invitation email"), choices=settings.LANGUAGES
    )


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150, validators=[reject_control_characters]
    )
    password1 = SetPasswordField(label=_("Password"))
    password2 = PasswordField(label=_("Password (again)"), autocomplete="new-password")

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords do not match."))
        return cleaned


class ApplicationForm(forms.ModelForm):
    # Spam trap: people never see it (it is hidden), simple bots fill it in.
    nickname = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that VMDO stores this information to process the application "
            "(see the privacy policy)."
        ),
        required=True,
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "organisation_name",
            "legal_form",
            "founded_year",
            "district",
            "address",
            "website",
            "member_count",
            "description",
            "contact_name",
            "email",
            "phone",
            "consent",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
        self.fields["address"].validators.append(MaxLengthValidator(500))
        self.fields["phone"].validators.append(phone_validator)
        refuse_control_characters(self)

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("nickname"))
