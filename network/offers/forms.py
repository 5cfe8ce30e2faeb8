"""The forms of Biete / Suche: a post, an answer, a report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import OfferPost
from network.offers.permissions import postable_associations
from network.offers.rules import latest_valid_until, post_problems
from vmdo_portal.forms import DateField
from vmdo_portal.text import reject_control_characters
from vmdo_portal.vocabulary import District, language_choices

TEXT_MAX = 4000
MESSAGE_MAX = 4000
REASON_MAX = 2000


class PostForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Offer or request"), choices=OfferPost.Kind.choices, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(label=_("Category"), choices=OfferPost.Category.choices)
    title = forms.CharField(
        label=_("Title"), max_length=120, validators=[reject_control_characters]
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, - list item. HTML is shown as text."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For interpreters: the language(s) needed or offered."),
    )
    district = forms.ChoiceField(
        label=_("District"),
        choices=[("", _("all of Dortmund")), *District.choices],
        required=False,
    )
    valid_until = DateField(
        label=_("Valid until"),
        help_text=_("The post leaves the list after this day (at most six months ahead)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].widget.attrs["max"] = latest_valid_until().isoformat()

    def clean(self):
        data = super().clean()
        problems = post_problems(
            category=data.get("category"),
            languages=data.get("languages") or [],
            valid_until=data.get("valid_until"),
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class NewPostForm(PostForm):
    """A new post, for one of the person's member associations."""

    association = forms.ModelChoiceField(label=_("For the association"), queryset=None)
    field_order = ["association"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        associations = postable_associations(user)
        self.fields["association"].queryset = associations
        if len(associations) == 1:
            self.fields["association"].initial = associations[0].pk
            self.fields["association"].empty_label = None


def post_initial(post) -> dict:
    return {
        "kind": post.kind,
        "category": post.category,
        "title": post.title,
        "text": post.text,
        "languages": post.language_codes,
        "district": post.district,
        "valid_until": post.valid_until,
    }


class AnswerForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("It is sent by email to the association's contact people."),
    )
    share_email = forms.BooleanField(
        label=_("Share my email address with them, so they can reply to me directly"),
        label_suffix="",
        required=False,
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
