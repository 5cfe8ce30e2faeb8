from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import default_lists, sections, services
        from translations import shipped
        from vmdo_portal import personal_data
        from vmdo_portal.sections import register

        register("home", "events/sections/upcoming.html", sections.home)
        register("association_profile", "events/sections/upcoming.html", sections.association)
        register("project", "events/sections/upcoming.html", sections.project)
        register("room", "events/sections/upcoming.html", sections.room)
        register(
            "association_dashboard",
            "events/sections/dashboard.html",
            lambda request, a: {"association": a},
        )
        personal_data.register(
            "events", export=services.personal_data, erase=services.personal_data_erase
        )
        shipped.register("events.category", default_lists.CATEGORIES)
        from events import desk

        desk.register()
