"""The contact list in the network area: navigation, personal data, the site search."""

from django.utils.translation import gettext_lazy as _

from network import areas
from network.contacts import search, services
from vmdo_portal import personal_data
from vmdo_portal import search as site_search

areas.register("network:contacts", _("Contacts"), 30)
personal_data.register(
    "network.contacts", export=services.personal_data, erase=services.personal_data_erase
)
site_search.source_register("network", search.contacts, order=30)
