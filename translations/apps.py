from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    label = "translations"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from translations.glossary import glossary_changed
        from translations.models import ProtectedTerm

        # The cached glossary is dropped on every change, by whatever path it comes.
        post_save.connect(glossary_changed, sender=ProtectedTerm, dispatch_uid="glossary-saved")
        post_delete.connect(glossary_changed, sender=ProtectedTerm, dispatch_uid="glossary-deleted")
