from django import forms
from django.utils.translation import gettext_lazy as _

from network.permissions import member_associations
from vmdo_portal.text import reject_control_characters


class TrainingRegistrationForm(forms.Form):
    """A member registers for one of their member associations (their name as it should
    stand on the certificate)."""

    association = forms.ModelChoiceField(
        label=_("For the association"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Please choose one of your member associations.")},
    )
    name = forms.CharField(
        label=_("Your name (as on the certificate)"),
        max_length=150,
        validators=[reject_control_characters],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = member_associations(user)
        self.fields["name"].initial = user.name
