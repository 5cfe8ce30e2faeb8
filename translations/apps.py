from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    label = "translations"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from translations.glossary import glossary_changed
        from translations.models import ProtectedTerm

        user_logged_in.connect(remember_translator, dispatch_uid="translations-desk-link")
        # The cached glossary is dropped on every change, by whatever path it comes.
        post_save.connect(glossary_changed, sender=ProtectedTerm, dispatch_uid="glossary-saved")
        post_delete.connect(glossary_changed, sender=ProtectedTerm, dispatch_uid="glossary-deleted")


def remember_translator(sender, request, user, **kwargs):
    """A translator's header shows the desk link (translations.context_processors)."""
    from translations.context_processors import DESK_SESSION_KEY
    from translations.permissions import translator_of

    if request is not None and hasattr(request, "session"):
        request.session[DESK_SESSION_KEY] = translator_of(user) is not None
