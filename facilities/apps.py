from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Haus der Vielfalt")

    def ready(self):
        from facilities import default_lists
        from facilities.selectors import main_facility
        from facilities.sitemaps import HouseSitemap
        from translations import shipped
        from vmdo_portal import mail_context, sitemaps
        from vmdo_portal.sections import register

        register(
            "association_dashboard",
            "facilities/sections/dashboard.html",
            lambda request, association: {"association": association},
        )
        sitemaps.register("house", HouseSitemap)
        # Emails sign with the main facility unless they bring their own house.
        mail_context.register("house", main_facility)
        shipped.register("facilities.equipment", default_lists.EQUIPMENT)
        from facilities.models import Equipment, Facility, Room
        from translations.registry import desk_register

        desk_register(Facility, public=Facility.objects.all)
        desk_register(Room, public=lambda: Room.objects.filter(bookable=True))
        desk_register(Equipment, public=Equipment.objects.all)
