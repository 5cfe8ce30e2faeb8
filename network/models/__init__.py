"""The members' network area: one module per part (library, offers, circulars, …)."""

from network.models.offers import OfferAnswer, OfferPost, OfferPostLanguage, OfferReport
from network.models.visits import LastVisit

__all__ = ["LastVisit"]
__all__ += ["OfferAnswer", "OfferPost", "OfferPostLanguage", "OfferReport"]
