"""The portal's select template (options inline, no include per option) renders exactly
what Django's own does."""

from django import forms
from django.forms.renderers import DjangoTemplates

from vmdo_portal.forms import PortalFormRenderer
from vmdo_portal.vocabulary import language_choices


class Choices(forms.Form):
    language = forms.ChoiceField(choices=language_choices, required=False)
    grouped = forms.ChoiceField(
        choices=[("", "---"), ("Nord", [("eving", "Eving"), ("x", '<b>"Nordstadt"</b> & Co')])],
        widget=forms.Select(attrs={"aria-describedby": "help"}),
    )
    several = forms.MultipleChoiceField(
        choices=[("1", "eins"), ("2", "zwei"), ("3", "drei")], required=False
    )


def render(renderer) -> str:
    form = Choices({"language": "ar", "grouped": "x", "several": ["1", "3"]}, renderer=renderer)
    return "".join(str(form[name]) for name in form.fields)


def test_select_html_is_identical_to_djangos_own_template():
    portal, django = render(PortalFormRenderer()), render(DjangoTemplates())
    assert portal == django
    assert '<option value="ar" selected>' in portal
    assert "&lt;b&gt;&quot;Nordstadt&quot;&lt;/b&gt; &amp; Co" in portal
    assert '<optgroup label="Nord">' in portal
