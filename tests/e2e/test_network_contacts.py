"""The network's contact list on a phone and a desktop, in German and Arabic: a member
agrees to be listed, finds themself, withdraws and is gone."""

import pytest

from members.models import Membership
from tests.e2e.network import DESKTOP, PHONE, read_on, sign_in
from tests.factories import AssociationFactory, member_of
from tests.network.contacts_helpers import listed


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_member_agrees_finds_themself_and_withdraws(visitor, viewport):
    association = AssociationFactory(name="Frauenverein Nordstadt", district="eving")
    listed(AssociationFactory(name="Sportfreunde"), "Omar Said", role="Trainer", languages=["ar"])
    member_of(association, Membership.Role.EDITOR, email="ayse@example.org", name="Ayşe Demir")
    sign_in(visitor, "ayse@example.org")
    page = visitor.page

    # German: from the area's navigation to the list, then to the own entry.
    read_on(visitor, "/de/netzwerk/", viewport=viewport)
    if viewport == PHONE:  # on a phone the area's navigation is one line that opens
        page.locator(".network-nav summary").click()
    page.locator(".network-nav").get_by_role("link", name="Kontakte").click()
    page.wait_for_url("**/de/netzwerk/kontakte/")
    read_on(visitor, "/de/netzwerk/kontakte/", viewport=viewport)
    assert page.locator(".contact-cards h3").all_inner_texts() == ["Omar Said"]
    page.get_by_role("link", name="Ihr Eintrag in der Kontaktliste").click()
    page.wait_for_url("**/de/netzwerk/kontakte/ich/")
    read_on(visitor, "/de/netzwerk/kontakte/ich/", viewport=viewport)
    assert page.locator("#id_visible").is_checked() is False
    assert page.locator("#id_name").input_value() == "Ayşe Demir"
    page.locator("#id_visible").check()
    page.locator("#id_role").fill("Vorsitzende")
    page.locator("#id_languages input[value=tr]").check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state("load")
    visitor.check()
    assert "Andere Mitglieder finden Sie jetzt in der Kontaktliste." in page.inner_text("main")

    # The list, in German and in Arabic (right to left), with the filters.
    read_on(visitor, "/de/netzwerk/kontakte/?language=tr", viewport=viewport)
    assert page.locator(".contact-cards h3").all_inner_texts() == ["Ayşe Demir"]
    read_on(visitor, "/ar/netzwerk/kontakte/", viewport=viewport)
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The first result on the first screen, before the folded filters' details.
    assert page.locator(".contact-cards li").first.bounding_box()["y"] < viewport["height"]
    assert sorted(page.locator(".contact-cards h3").all_inner_texts()) == [
        "Ayşe Demir",
        "Omar Said",
    ]

    # The site search shows the network's results in a group of their own.
    read_on(visitor, "/de/suche/?q=Vorsitzende", viewport=viewport)
    assert page.locator("#area-network").inner_text() == "Aus dem Netzwerk"
    assert page.locator("#area-network ~ section li a").all_inner_texts() == ["Ayşe Demir"]

    # Withdrawing, in Arabic: gone from the list at once.
    read_on(visitor, "/ar/netzwerk/kontakte/ich/", viewport=viewport)
    assert page.locator("#id_visible").is_checked() is True
    page.locator("#id_visible").uncheck()
    page.locator("form.form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    visitor.check()
    read_on(visitor, "/ar/netzwerk/kontakte/", viewport=viewport)
    assert page.locator(".contact-cards h3").all_inner_texts() == ["Omar Said"]
    read_on(visitor, "/de/netzwerk/kontakte/?language=tr", viewport=viewport)
    assert page.locator(".contact-cards h3").count() == 0
