from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import FieldOfActivity
from network.models.contacts import NAME_MAX, ROLE_MAX
from vmdo_portal.text import reject_control_characters
from vmdo_portal.vocabulary import language_choices


def reject_markup(value: str) -> None:
    """Names and roles are plain text: no angle brackets (they would only ever show as
    characters, but nobody's name holds them)."""
    if value and ("<" in value or ">" in value):
        raise ValidationError(
            _("Use plain text: the characters < and > are not allowed."), code="markup"
        )


class ContactListingForm(forms.Form):
    visible = forms.BooleanField(
        label=_("Show me in the contact list of the network"),
        required=False,
        help_text=_(
            "Other members of the network then see your name, role, associations, "
            "languages and fields of activity. Your email address is never shown."
        ),
    )
    name = forms.CharField(
        label=_("Name shown"),
        max_length=NAME_MAX,
        required=False,
        validators=[reject_control_characters, reject_markup],
    )
    role = forms.CharField(
        label=_("Role or function"),
        max_length=ROLE_MAX,
        required=False,
        validators=[reject_control_characters, reject_markup],
        help_text=_("For example chairwoman, treasurer, youth work."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    fields_of_activity = forms.ModelMultipleChoiceField(
        label=_("Fields of activity"),
        queryset=FieldOfActivity.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        unnamed = not (cleaned.get("name") or "").strip()
        if cleaned.get("visible") and unnamed and "name" not in self.errors:
            self.add_error("name", _("Enter the name other members should see."))
        return cleaned
