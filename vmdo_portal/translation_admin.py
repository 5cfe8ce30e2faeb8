"""Admin base class showing translated fields as language tabs.

modeltranslation's own tabbed admin loads jQuery UI from a CDN; the portal
loads nothing from third parties, so it ships a small tab script of its own.

A change page also shows how far each language is translated, and offers the "minor
change" tick: a correction of the German text that leaves the translations up to date.
Saving keeps the translation statuses current (translations.services), for the object and
for the rows of its inlines with translated texts (contact persons, photos, exceptions).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from translations.selectors import statuses_for
from translations.services import translated_fields, translation_texts_saved

MINOR = "translation_minor"
STATUSES = "translation_statuses"


class MinorChangeForm(forms.ModelForm):
    translation_minor = forms.BooleanField(
        label=_("Minor change – translations stay up to date"),
        required=False,
        help_text=_(
            "Tick for a correction of the German text (a typo) that does not change its "
            "meaning: the translations then stay up to date."
        ),
    )

    @property
    def changed_data(self):
        # The tick is no change of the object (history, services).
        return [name for name in super().changed_data if name != MINOR]


def _without(fields, names):
    kept = []
    for field in fields:
        if isinstance(field, list | tuple):
            row = [name for name in field if name not in names]
            if row:
                kept.append(type(field)(row))
        elif field not in names:
            kept.append(field)
    return kept


class TabbedTranslationAdmin(TranslationAdmin):
    class Media:
        js = ["vmdo_portal/admin/translation_tabs.js"]
        css = {"all": ["vmdo_portal/admin/translation_tabs.css"]}

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            # The tick is a field of the form, not of the model.
            if "fields" not in kwargs:
                kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
            if kwargs["fields"] is not None:
                kwargs["fields"] = [name for name in kwargs["fields"] if name != MINOR]
        form = super().get_form(request, obj, **kwargs)
        if obj is None or issubclass(form, MinorChangeForm):
            return form
        return type(form.__name__, (MinorChangeForm, form), {})

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and STATUSES not in fields:
            fields.append(STATUSES)
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        names = {MINOR, STATUSES}
        shown = [
            (title, {**options, "fields": _without(options["fields"], names)})
            for title, options in fieldsets
        ]
        shown = [(title, options) for title, options in shown if options["fields"]]
        shown.append((_("Translations"), {"fields": [STATUSES, MINOR]}))
        return shown

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        translation_texts_saved(
            obj,
            changed=form.changed_data,
            created=not change,
            minor=bool(form.cleaned_data.get(MINOR)),
            by=request.user,
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if not translated_fields(formset.model):
            return
        minor = bool(getattr(form, "cleaned_data", {}).get(MINOR))
        for obj in formset.new_objects:
            translation_texts_saved(obj, changed=[], created=True, by=request.user)
        for obj, changed in formset.changed_objects:
            translation_texts_saved(obj, changed=changed, minor=minor, by=request.user)

    @admin.display(description=_("translation status"))
    def translation_statuses(self, obj):
        statuses = statuses_for(obj)
        if not statuses:
            return "–"
        fields = list(statuses)
        languages = list(statuses[fields[0]])
        header = format_html_join(
            "",
            '<th scope="col">{}</th>',
            ((obj._meta.get_field(field).verbose_name,) for field in fields),
        )
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th>{}</tr>',
            (
                (
                    get_language_info(code)["name_translated"],
                    format_html_join(
                        "",
                        '<td class="translation-status-{}">{}</td>',
                        (
                            (statuses[field][code].value, statuses[field][code].label)
                            for field in fields
                        ),
                    ),
                )
                for code in languages
            ),
        )
        return format_html(
            '<table class="translation-statuses"><thead><tr><th scope="col">{}</th>{}</tr>'
            "</thead><tbody>{}</tbody></table>",
            _("Language"),
            header,
            rows,
        )
