"""A member reads the circulars on a phone and a desktop, in German and Arabic."""

import pytest

from members.models import Membership
from network.circulars import services
from network.models import Circular
from tests.e2e.network import DESKTOP, PHONE, read_on, sign_in
from tests.factories import AssociationFactory, member_of


def sent(circular):
    """As circular_send leaves it (without the emails)."""
    from django.utils import timezone

    Circular.objects.filter(pk=circular.pk).update(
        status=Circular.Status.SENT, sent_at=timezone.now()
    )
    return circular


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_member_reads_the_archive_and_a_circular_in_german_and_arabic(visitor, viewport):
    association = AssociationFactory(name="Frauenverein Nordstadt")
    member_of(association, Membership.Role.EDITOR, email="frauen@example.org")
    translated = sent(
        services.circular_create(
            by=None,
            subject="Einladung zur Mitgliederversammlung",
            body="Liebe Vereine,\n\n## Tagesordnung\n\n- Bericht des Vorstands\n- Wahlen",
            translations={"ar": ("دعوة إلى الجمعية العامة", "## جدول الأعمال\n\n- الانتخابات")},
        )
    )
    sent(
        services.circular_create(
            by=None,
            subject="Fördermittel: Fristen im Frühjahr für Vereine in der Nordstadt",
            body="Bitte **rechtzeitig** beantragen: [Beratung](https://www.vmdo.de/).",
        )
    )
    sign_in(visitor, "frauen@example.org")
    page = visitor.page
    read_on(visitor, "/de/netzwerk/rundschreiben/", viewport=viewport)
    assert page.get_by_role("heading", level=1).inner_text() == "Rundschreiben"
    page.get_by_role("link", name="Einladung zur Mitgliederversammlung").click()
    page.wait_for_url(f"**/de/netzwerk/rundschreiben/{translated.pk}/")
    read_on(visitor, f"/de/netzwerk/rundschreiben/{translated.pk}/", viewport=viewport)
    assert page.get_by_role("heading", level=2).inner_text() == "Tagesordnung"

    read_on(visitor, "/ar/netzwerk/rundschreiben/", viewport=viewport)
    assert page.locator("html").get_attribute("dir") == "rtl"
    german = page.get_by_role("link", name="Fördermittel: Fristen im Frühjahr für Vereine")
    assert german.get_attribute("lang") == "de"
    read_on(visitor, f"/ar/netzwerk/rundschreiben/{translated.pk}/", viewport=viewport)
    assert page.get_by_role("heading", level=1).inner_text() == "دعوة إلى الجمعية العامة"
    # New since the last visit, on the area's start page.
    read_on(visitor, "/ar/netzwerk/", viewport=viewport)
    assert page.get_by_role("link", name="دعوة إلى الجمعية العامة").is_visible()
