"""The members' network area on a phone and a desktop, in German and Arabic."""

import pytest

from members.models import Membership
from tests.e2e.network import DESKTOP, PHONE, read_on, sign_in
from tests.factories import AssociationFactory, member_of


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_member_finds_the_network_from_the_header_and_reads_its_start_page(visitor, viewport):
    association = AssociationFactory(name="Frauenverein Nordstadt")
    member_of(association, Membership.Role.EDITOR, email="frauen@example.org")
    sign_in(visitor, "frauen@example.org")
    page = visitor.page
    page.set_viewport_size(viewport)
    visitor.goto("/de/mein-verein/")
    page.locator("header").get_by_role("link", name="Netzwerk").click()
    page.wait_for_url("**/de/netzwerk/")
    read_on(visitor, "/de/netzwerk/", viewport=viewport)
    assert page.get_by_role("heading", level=1).inner_text() == "Netzwerk der Mitgliedsvereine"
    read_on(visitor, "/ar/netzwerk/", viewport=viewport)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("link", name="Frauenverein Nordstadt").is_visible()


def test_on_a_phone_the_areas_navigation_is_one_line_that_opens(visitor):
    member_of(AssociationFactory(), Membership.Role.EDITOR, email="kurz@example.org")
    sign_in(visitor, "kurz@example.org")
    page = visitor.page
    read_on(visitor, "/de/netzwerk/")
    summary = page.locator(".network-nav summary")
    assert summary.inner_text() == "Netzwerkbereich: Neuigkeiten"
    assert page.locator(".network-nav").bounding_box()["height"] < 60
    summary.click()
    links = page.locator(".network-nav-narrow a")
    assert links.first.is_visible()
    assert links.all_inner_texts() == [
        "Neuigkeiten",
        "Wissen",
        "Angebote und Gesuche",
        "Kontakte",
        "Qualifizierung",
        "Rundschreiben",
    ]
    visitor.check()
    page.set_viewport_size(DESKTOP)
    assert page.locator(".network-nav-wide a").first.is_visible()
    assert summary.is_visible() is False
