from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class VmdoPortalConfig(AppConfig):
    default = True
    name = "vmdo_portal"
    verbose_name = "VMDO Portal"

    def ready(self):
        from django.db.backends.signals import connection_created

        from vmdo_portal.folding import register_sqlite_fold
        from vmdo_portal.page_cache import connect_invalidation

        connect_invalidation()
        # The staff-editable pages at the translation desk (translations.registry).
        from translations.registry import desk_register
        from vmdo_portal.models import Page

        desk_register(Page, public=Page.objects.all)
        connection_created.connect(register_sqlite_fold, dispatch_uid="portal-fold")

        # The empty choice of every select (Django 6.1 lets an app's ready() set it).
        # Django's own "- Select an option -" is untranslated in most of the portal's
        # languages, which then show the German fallback; ours is in every catalog.
        from django.db.models import fields
        from django.utils.translation import pgettext_lazy

        fields.BLANK_CHOICE_LABEL = pgettext_lazy("empty choice of a select", "– please choose –")


class VmdoAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with the portal's own site ("VMDO Verwaltung") as default."""

    default = False
    default_site = "vmdo_portal.admin_site.VmdoAdminSite"
