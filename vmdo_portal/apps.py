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
        connection_created.connect(register_sqlite_fold, dispatch_uid="portal-fold")


class VmdoAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with the portal's own site ("VMDO Verwaltung") as default."""

    default = False
    default_site = "vmdo_portal.admin_site.VmdoAdminSite"
