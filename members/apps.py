from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Member associations")

    def ready(self):
        from members import services
        from members.sitemaps import AssociationSitemap
        from vmdo_portal import personal_data, sitemaps

        personal_data.register(
            "members", export=services.personal_data, erase=services.personal_data_erase
        )
        sitemaps.register("associations", AssociationSitemap)
