from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Haus der Vielfalt")

    def ready(self):
        from facilities.sitemaps import HouseSitemap
        from vmdo_portal import sitemaps
        from vmdo_portal.sections import register

        register(
            "association_dashboard",
            "facilities/sections/dashboard.html",
            lambda request, association: {"association": association},
        )
        sitemaps.register("house", HouseSitemap)
