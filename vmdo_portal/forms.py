from allauth.account.forms import PasswordField
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


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


class PortalFormRenderer(TemplatesSetting):
    """Every form field sits in its own <div class="field"> (spacing, grouping)."""

    field_template_name = "forms/field.html"
