from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Member associations")

    def ready(self):
        from members import default_lists, services
        from members.sitemaps import AssociationSitemap
        from translations import shipped
        from vmdo_portal import personal_data, sitemaps

        personal_data.register(
            "members",
            export=services.personal_data,
            erase=services.personal_data_erase,
            holds=services.personal_data_holds,
        )
        sitemaps.register("associations", AssociationSitemap)
        shipped.register("members.fieldofactivity", default_lists.FIELDS)
        shipped.register("members.community", default_lists.COMMUNITIES)
        from members import desk

        desk.register()
