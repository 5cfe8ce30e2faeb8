"""Wissen on a phone (and a desktop): a member finds a resource by search, opens it and
downloads its file, in German and Arabic; a member shares one. axe-core on every page,
nothing wider than the screen."""

import re

import pytest

from members.models import Membership
from network.models import Resource
from tests.e2e.network import DESKTOP, PHONE, read_on, sign_in
from tests.factories import AssociationFactory, member_of
from tests.network.library import make_resource


@pytest.fixture
def member(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    association = AssociationFactory(name="Frauenverein Nordstadt", trusted=False)
    member_of(association, Membership.Role.EDITOR, email="frauen@example.org")
    make_resource(
        association=AssociationFactory(name="Elternverein Hörde"),
        title="Checkliste Kassenprüfung",
        summary="Was die **Kassenprüfung** sehen will:\n\n- Belege\n- Kontoauszüge",
        topic=Resource.Topic.BOOKKEEPING,
        languages=["de", "ar"],
        with_file=True,
    )
    make_resource(title="Leitfaden Satzung", link="https://example.org/satzung")
    return association


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_member_finds_opens_and_downloads_a_resource(visitor, member, language, viewport):
    sign_in(visitor, "frauen@example.org")
    page = visitor.page
    read_on(visitor, f"/{language}/netzwerk/wissen/", viewport=viewport)
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#id_q").fill("Kassen")
    page.locator(".filter-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=Kassen"))
    visitor.check()
    page.get_by_role("link", name="Checkliste Kassenprüfung").click()
    page.wait_for_url(re.compile(rf"/{language}/netzwerk/wissen/\d+/$"))
    detail = page.url.removeprefix(visitor.base_url)
    read_on(visitor, detail, viewport=viewport)
    assert page.locator(".prose strong").inner_text() == "Kassenprüfung"
    with page.expect_download() as download_info:
        page.locator(f'a[href="{detail}datei/"]').click()
    download = download_info.value
    assert download.suggested_filename == "leitfaden.pdf"
    resource = Resource.objects.get(title_de="Checkliste Kassenprüfung")
    with open(download.path(), "rb") as saved, resource.file.open("rb") as stored:
        assert saved.read() == stored.read()


def test_a_member_shares_a_resource_on_a_phone(visitor, member):
    sign_in(visitor, "frauen@example.org")
    page = visitor.page
    read_on(visitor, "/de/netzwerk/wissen/")
    page.get_by_role("link", name="Ressource teilen").click()
    page.wait_for_url(re.compile(r"/de/netzwerk/wissen/teilen/$"))
    read_on(visitor, "/de/netzwerk/wissen/teilen/")
    page.get_by_label("Titel").fill("Vorlage Einladung zur Mitgliederversammlung")
    page.get_by_label("Kurzbeschreibung").fill("Eine **Vorlage** mit allen Fristen.")
    page.locator("#id_topic").select_option("vereinsrecht")
    page.locator("#id_kind").select_option("template")
    page.get_by_label("Arabisch").check()
    page.get_by_label("Link").fill("https://example.org/einladung")
    page.get_by_role("button", name="Teilen").click()
    page.wait_for_url(re.compile(r"/de/netzwerk/wissen/\d+/$"))
    visitor.check()
    assert page.locator(".message").first.inner_text() == (
        "Vielen Dank! Die VMDO-Geschäftsstelle prüft die Ressource und veröffentlicht sie dann."
    )
    resource = Resource.objects.get(title_de="Vorlage Einladung zur Mitgliederversammlung")
    assert (resource.status, resource.association) == (Resource.Status.PENDING, member)
    assert [language.code for language in resource.languages.all()] == ["ar", "de"]
    read_on(visitor, "/ar/netzwerk/wissen/teilen/")
