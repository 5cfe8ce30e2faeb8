from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class VmdoPortalConfig(AppConfig):
    default = True
    name = "vmdo_portal"
    verbose_name = "VMDO Portal"

    def ready(self):
        from vmdo_portal.page_cache import connect_invalidation

        connect_invalidation()


class VmdoAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with the portal's own site ("VMDO Verwaltung") as default."""

    default = False
    default_site = "vmdo_portal.admin_site.VmdoAdminSite"
