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
