"""Posts for the tests of Biete / Suche, made through the services."""

from datetime import timedelta

from django.utils import timezone

from members.models import Membership
from network.models import OfferPost
from network.offers import services
from tests.factories import member_of

LIST = "/de/netzwerk/biete-suche/"
NEW = f"{LIST}neu/"


def make_post(association, *, by=None, **fields) -> OfferPost:
    author = by or member_of(association, Membership.Role.EDITOR)
    values = {
        "kind": OfferPost.Kind.OFFER,
        "category": OfferPost.Category.EQUIPMENT,
        "title": "Beamer zu verleihen",
        "text": "Ein **Beamer** mit Leinwand.",
        "valid_until": timezone.localdate() + timedelta(days=30),
        "languages": [],
        "district": "",
    } | fields
    return services.offer_post_create(by=author, association=association, **values)


def post_data(association=None, **fields) -> dict:
    """A valid post form."""
    data = {
        "kind": "request",
        "category": "interpreters",
        "title": "Dolmetscherin gesucht",
        "text": "Für einen Elternabend.",
        "languages": ["ar", "fa"],
        "district": "eving",
        "valid_until": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }
    if association is not None:
        data["association"] = str(association.pk)
    return data | fields
