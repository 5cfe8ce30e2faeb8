"""Admin base class showing translated fields as language tabs.

modeltranslation's own tabbed admin loads jQuery UI from a CDN; the portal
loads nothing from third parties, so it ships a small tab script of its own.
"""

from django import forms
from modeltranslation.admin import TranslationAdmin

from vmdo_portal.text import reject_control_characters


class TabbedTranslationAdmin(TranslationAdmin):
    class Media:
        js = ["vmdo_portal/admin/translation_tabs.js"]
        css = {"all": ["vmdo_portal/admin/translation_tabs.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """One-line texts (names, titles, streets …) refuse line breaks and control
        characters here as in the portal's forms: they reach feeds, mail and exports."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput):
            field.validators.append(reject_control_characters)
        return field
