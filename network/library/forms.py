from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from members.models import Association
from network.library.uploads import check_resource_file
from network.models import Resource
from vmdo_portal.text import reject_control_characters
from vmdo_portal.vocabulary import language_choices

SUMMARY_MAX_LENGTH = 5000


class WebAddressField(forms.URLField):
    """Only http and https: no javascript:, data:, ftp: or file: links."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class ResourceShareForm(forms.Form):
    """Share a resource from the area. `associations`: the person's member associations
    (a foreign one in the POST is not a valid choice); `office`: staff sharing for the
    office, for whom the association is optional."""

    association = forms.ModelChoiceField(
        label=_("Shared by"), queryset=Association.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, validators=[reject_control_characters]
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text=_("What it is about and for whom. Markdown: **bold**, - list item."),
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Resource.Topic.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=Resource.Kind.choices)
    audience = forms.ChoiceField(label=_("For whom"), choices=Resource.Audience.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages of the resource"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    link = WebAddressField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("An address starting with https:// or http://, e.g. of a recording."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "PDF, Word (docx), Excel (xlsx), OpenDocument (odt) or an image (JPEG, PNG, "
            "WebP); at most 20 MB, images 5 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png,.webp"}
        ),
    )

    def __init__(self, *args, associations, office: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked = None
        field = self.fields["association"]
        field.queryset = associations
        if office:
            field.required = False
            field.empty_label = _("the VMDO office")
        self.initial.setdefault("languages", ["de"])

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.checked = check_resource_file(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("link") and not cleaned.get("file") and not self.errors.get("file"):
            raise ValidationError(_("Please add a link or a file."), code="nothing")
        return cleaned
