"""The members' network area: one module per part (library, offers, circulars, …)."""

from network.models.library import Resource, ResourceLanguage
from network.models.visits import LastVisit

__all__ = ["LastVisit", "Resource", "ResourceLanguage"]
