"""Admin base class showing translated fields as language tabs.

modeltranslation's own tabbed admin loads jQuery UI from a CDN; the portal
loads nothing from third parties, so it ships a small tab script of its own.
"""

from modeltranslation.admin import TranslationAdmin


class TabbedTranslationAdmin(TranslationAdmin):
    class Media:
        js = ["vmdo_portal/admin/translation_tabs.js"]
        css = {"all": ["vmdo_portal/admin/translation_tabs.css"]}
