"""The members' network area: one module per part (library, offers, circulars, …)."""

from network.models.contacts import ContactLanguage, ContactListing  # noqa: F401
from network.models.visits import LastVisit

__all__ = ["LastVisit"]
