from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The parts of the members' area, each a package of this app that registers its page in
# the area's navigation and its news on the start page (network.areas) when imported.
PARTS = ("library", "offers", "contacts", "trainings", "circulars")


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Members' network")

    def ready(self):
        from importlib import import_module

        from network import services
        from network.permissions import may_enter
        from vmdo_portal import personal_data
        from vmdo_portal import search as site_search

        personal_data.register(
            "network", export=services.personal_data, erase=services.personal_data_erase
        )
        # The parts' search sources (vmdo_portal.search) show to people inside only.
        site_search.area_register("network", _("From the network"), admits=may_enter)
        for part in PARTS:
            import_module(f"network.{part}.register")
