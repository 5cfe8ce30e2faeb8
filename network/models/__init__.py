"""The members' network area: one module per part (library, offers, circulars, …)."""

from network.models.circulars import Circular, CircularDelivery
from network.models.contacts import ContactLanguage, ContactListing
from network.models.library import Resource, ResourceLanguage
from network.models.offers import OfferAnswer, OfferPost, OfferPostLanguage, OfferReport
from network.models.trainings import TrainingParticipation
from network.models.visits import LastVisit

__all__ = [
    "Circular",
    "CircularDelivery",
    "ContactLanguage",
    "ContactListing",
    "LastVisit",
    "OfferAnswer",
    "OfferPost",
    "OfferPostLanguage",
    "OfferReport",
    "Resource",
    "ResourceLanguage",
    "TrainingParticipation",
]
