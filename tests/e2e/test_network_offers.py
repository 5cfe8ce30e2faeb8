"""Biete / Suche in the browser: a member filters the list, answers an offer (the email
arrives with a reply-to only when they agreed) and posts a request; on a phone in German
and Arabic and on a desktop, every page axe-core clean and no wider than the screen."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Membership
from network.models import OfferPost
from tests.e2e.network import DESKTOP, PHONE, read_on, sign_in
from tests.factories import AssociationFactory, member_of
from tests.network.offers_helpers import make_post

LIST = "/netzwerk/biete-suche/"


@pytest.mark.parametrize(
    ("language", "viewport", "share"),
    [("de", PHONE, True), ("ar", PHONE, False), ("de", DESKTOP, False)],
    ids=["de-phone-shares-address", "ar-phone", "de-desktop"],
)
def test_a_member_filters_answers_and_posts(visitor, language, viewport, share):
    lender = AssociationFactory(name="Kulturverein Hörde")
    member_of(lender, Membership.Role.ADMIN, email="kontakt@hoerde.example")
    tent = make_post(
        lender, title="Zelt für Feste zu verleihen", text="Ein **großes** Zelt, 6 × 12 m.",
        district="hoerde",
    )  # fmt: skip
    make_post(
        lender, title="Dolmetscherin Farsi gesucht", kind="request", category="interpreters",
        languages=["fa"],
    )  # fmt: skip
    mine = AssociationFactory(name="Frauenverein Nordstadt")
    member_of(mine, Membership.Role.EDITOR, email="frauen@example.org")
    sign_in(visitor, "frauen@example.org")
    page = visitor.page

    # The list, then only equipment to lend.
    read_on(visitor, f"/{language}{LIST}", viewport=viewport)
    assert page.locator(".cards h3").count() == 2
    page.locator(".filter-panel summary").click()
    page.locator("#id_category").select_option("equipment")
    page.locator(".filter-panel button[type=submit]").click()
    page.wait_for_load_state("load")
    visitor.check()
    assert page.locator(".cards h3").all_inner_texts() == ["Zelt für Feste zu verleihen"]

    # Answer the offer.
    page.locator(".cards h3 a").click()
    page.wait_for_url(f"**/{language}{LIST}{tent.pk}/")
    read_on(visitor, f"/{language}{LIST}{tent.pk}/", viewport=viewport)
    page.locator("#id_message").fill("Wir bräuchten das Zelt am 14. Juni. Geht das?")
    if share:
        page.locator("#id_share_email").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}{LIST}{tent.pk}/")
    visitor.check()
    assert page.locator(".message").count() == 1
    [answer] = [m for m in mail.outbox if m.to == ["kontakt@hoerde.example"]]
    assert answer.reply_to == (["frauen@example.org"] if share else [])
    assert "Wir bräuchten das Zelt am 14. Juni. Geht das?" in answer.body
    # Nobody's address is on the page.
    assert "example" not in page.locator("main").inner_text()

    # Post a request.
    read_on(visitor, f"/{language}{LIST}neu/", viewport=viewport)
    page.locator("input[name=kind][value=request]").check()
    page.locator("#id_category").select_option("interpreters")
    page.locator("#id_title").fill("Dolmetscher für Arabisch gesucht")
    page.locator("#id_text").fill("Für die Beratung am Dienstag.")
    page.locator("input[name=languages][value=ar]").check()
    page.locator("#id_district").select_option("innenstadt-nord")
    valid_until = timezone.localdate() + timedelta(days=14)
    page.locator("#id_valid_until").fill(valid_until.isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    post = OfferPost.objects.get(association=mine)
    assert (post.title, post.kind, post.language_codes, post.valid_until) == (
        "Dolmetscher für Arabisch gesucht", "request", ["ar"], valid_until,
    )  # fmt: skip
    assert page.url.endswith(f"/{language}{LIST}{post.pk}/")
    read_on(visitor, f"/{language}{LIST}{post.pk}/", viewport=viewport)
    assert page.get_by_role("heading", level=1).inner_text() == post.title
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
    # The request is in the list, and on the list of the member's own posts.
    read_on(visitor, f"/{language}{LIST}", viewport=viewport)
    assert page.locator(".cards h3", has_text=post.title).count() == 2
