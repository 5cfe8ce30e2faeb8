"""The translation desk's editor form: one field per translated text of one object, in
one target language. Its fields are the texts' base names ("description"): whatever else
is posted (German, other fields) is no field of the form and never reaches a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from translations.desk_selectors import direction
from vmdo_portal.text import reject_control_characters


def _normal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class DeskForm(forms.Form):
    # desk_fingerprint of the German and of the target texts when the form was opened.
    source = forms.CharField(widget=forms.HiddenInput, max_length=64)
    target = forms.CharField(widget=forms.HiddenInput, max_length=64)
    review = forms.CharField(required=False, max_length=100)

    def __init__(self, *args, fields, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.editor_fields = fields
        attrs = {"lang": language, "dir": direction(language)}
        for item in fields:
            if item.multiline:
                widget = forms.Textarea(attrs={**attrs, "rows": 8})
                validators = []
            else:
                widget = forms.TextInput(attrs=attrs)
                validators = [reject_control_characters]
            self.fields[item.name] = forms.CharField(
                label=item.label,
                required=False,
                max_length=item.max_length,
                widget=widget,
                validators=validators,
                error_messages={
                    "max_length": _(
                        "Please shorten this text to at most %(limit_value)d characters "
                        "(it has %(show_value)d)."
                    )
                },
            )

    def clean(self):
        data = super().clean()
        review = data.get("review")
        if review and review not in {item.name for item in self.editor_fields}:
            raise forms.ValidationError(_("This text cannot be reviewed here."))
        return data

    def texts(self) -> dict:
        return {
            item.name: _normal(self.cleaned_data.get(item.name) or "")
            for item in self.editor_fields
        }

    def bound_fields(self):
        """(EditorField, BoundField) pairs for the template."""
        return [(item, self[item.name]) for item in self.editor_fields]
