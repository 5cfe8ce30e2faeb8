"""Demo offers and requests (examples) of the demo associations, through the services."""

from datetime import timedelta

from django.utils import timezone

from network.models import OfferPost
from network.offers import services
from network.permissions import member_associations

MARK = "(Beispiel)"
Kind, Category = OfferPost.Kind, OfferPost.Category
# (account, kind, category, title, text, languages, district, valid for days)
POSTS = [
    ("trusted", Kind.OFFER, Category.EQUIPMENT, "Beamer und Leinwand zu verleihen",
     "Wir verleihen einen **Beamer** mit Leinwand für Veranstaltungen.\n\n- Abholung in der Nordstadt\n- kostenlos für Mitgliedsvereine",
     [], "innenstadt-nord", 120),
    ("trusted", Kind.REQUEST, Category.INTERPRETERS, "Dolmetscherin für Elternabend gesucht",
     "Für einen Elternabend im nächsten Monat suchen wir Unterstützung beim Dolmetschen.",
     ["ar", "fa"], "eving", 45),
    ("untrusted", Kind.REQUEST, Category.FUNDING, "Partnerverein für gemeinsamen Förderantrag",
     "Wir planen einen Antrag für ein Jugendprojekt und suchen einen zweiten Verein.",
     ["de", "tr"], "", 90),
    ("untrusted", Kind.OFFER, Category.ROOMS, "Vereinsraum dienstags frei",
     "Unser Vereinsraum (20 Plätze) ist dienstags ab 18 Uhr frei und kann mitgenutzt werden.",
     [], "hoerde", 150),
    ("trusted", Kind.OFFER, Category.VOLUNTEERS, "Ehrenamtliche für Sommerfest",
     "Drei Ehrenamtliche helfen gern beim Auf- und Abbau eines Sommerfests.",
     ["de", "uk"], "", 30),
    ("untrusted", Kind.OFFER, Category.EXPERTISE, "Beratung zur Vereinsbuchhaltung",
     "Unsere Kassiererin berät andere Vereine zur Buchhaltung.",
     ["de", "ru"], "", 60),
]  # fmt: skip


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    if OfferPost.objects.filter(title__endswith=MARK).exists():
        return
    today = timezone.localdate()
    created = []
    for account, kind, category, title, text, languages, district, days in POSTS:
        user = users.get(account)
        association = member_associations(user).first() if user else None
        if association is None:
            continue
        created.append(
            services.offer_post_create(
                by=user,
                association=association,
                kind=kind,
                category=category,
                title=f"{title} {MARK}",
                text=text,
                languages=languages,
                district=district,
                valid_until=today + timedelta(days=days),
            )
        )
    if len(created) < len(POSTS):
        return
    # One was found: done.
    services.offer_post_done(post=created[4], by=users["trusted"])
    # One has expired: posted two months ago, valid for a month (time passing, not a service).
    OfferPost.objects.filter(pk=created[5].pk).update(
        created_at=timezone.now() - timedelta(days=60), valid_until=today - timedelta(days=30)
    )
