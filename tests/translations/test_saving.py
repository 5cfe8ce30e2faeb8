"""Where German texts are saved today keeps the translation status: the association's
dashboard (published at once or after review) and the back office."""

import pytest

from members import services as members
from members.models import Community
from tests.factories import AssociationFactory, member_of, sign_in_with_second_factor, staff_in
from tests.members.test_dashboard import language_links, profile_post
from translations.models import FieldTranslation
from translations.selectors import statuses_for
from vmdo_portal.models import Page
from vmdo_portal.staff_groups import REDAKTION
from vmdo_portal.vocabulary import TranslationStatus as S


@pytest.fixture
def association(db):
    return AssociationFactory(name="Brückenbauer e.V.", trusted=True)


@pytest.fixture
def editor(association):
    return member_of(association, email="editor@example.org")


def save_profile(client, association, **changes):
    association.refresh_from_db()
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/", profile_post(association, **changes)
    )
    assert response.status_code == 302
    association.refresh_from_db()


def shown_statuses(client, association):
    return language_links(
        client.get(f"/de/mein-verein/{association.slug}/profil/").content.decode()
    )


def test_a_german_edit_makes_a_turkish_translation_outdated(client, association, editor):
    client.force_login(editor)
    save_profile(client, association, description_tr="Köprü kuruyoruz.")
    assert shown_statuses(client, association)["tr"] == "aktuell"
    save_profile(client, association, description_de="Wir bauen Brücken in Dortmund.")
    assert shown_statuses(client, association)["tr"] == "veraltet"
    assert statuses_for(association)["description"]["tr"] == S.OUTDATED


def test_the_minor_tick_keeps_the_translation_current(client, association, editor):
    client.force_login(editor)
    save_profile(client, association, description_tr="Köprü kuruyoruz.")
    html = client.get(f"/de/mein-verein/{association.slug}/profil/").content.decode()
    assert "Kleine Änderung – Übersetzungen bleiben aktuell" in html
    save_profile(
        client,
        association,
        description_de="Ein Verein für Begegnung und Kultur.",
        minor_change="on",
    )
    assert shown_statuses(client, association)["tr"] == "aktuell"


def test_an_approved_revision_makes_translations_outdated(client, db):
    association = AssociationFactory(trusted=False)
    editor = member_of(association)
    client.force_login(editor)
    save_profile(client, association, description_tr="Köprü kuruyoruz.")  # waits for review
    members.revision_approve(revision=association.revisions.get(), by=staff_in(REDAKTION))
    association.refresh_from_db()
    assert statuses_for(association)["description"]["tr"] == S.CURRENT
    save_profile(client, association, description_de="Wir bauen Brücken.")
    assert statuses_for(association)["description"]["tr"] == S.CURRENT  # not yet public
    revision = association.revisions.get(status="pending")
    members.revision_approve(revision=revision, by=staff_in(REDAKTION))
    association.refresh_from_db()
    assert statuses_for(association)["description"]["tr"] == S.OUTDATED


# --- the back office -----------------------------------------------------------------


def page_form(page, **changes):
    data = {}
    for code in ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl"]:
        for name in ["title", "summary", "body"]:
            data[f"{name}_{code}"] = getattr(page, f"{name}_{code}") or ""
    return data | changes


@pytest.fixture
def page(db):
    page = Page.objects.get(key=Page.Key.ABOUT)
    page.title_tr = "Hakkımızda"
    page.save()
    return page


@pytest.fixture
def office(client, db):
    return sign_in_with_second_factor(client, staff_in(REDAKTION))


def admin_save(office, page, **changes):
    url = f"/verwaltung/vmdo_portal/page/{page.pk}/change/"
    assert office.post(url, page_form(page, **changes)).status_code == 302
    page.refresh_from_db()


def test_a_back_office_german_change_makes_translations_outdated(office, page):
    admin_save(office, page, title_de="Über den VMDO in Dortmund")
    assert statuses_for(page)["title"]["tr"] == S.OUTDATED
    assert statuses_for(page)["title"]["en"] == S.OUTDATED  # "About us" from the defaults
    assert statuses_for(page)["title"]["pl"] == S.MISSING
    # Translating only Turkish brings it up to date.
    admin_save(office, page, title_tr="Dortmund'daki VMDO hakkında")
    assert statuses_for(page)["title"]["tr"] == S.CURRENT


def test_a_back_office_minor_change_keeps_translations_current(office, page):
    admin_save(office, page, title_tr="Hakkımızda")  # known to be current
    admin_save(office, page, title_de=page.title_de + ".", translation_minor="on")
    assert statuses_for(page)["title"]["tr"] == S.CURRENT


def test_the_change_page_shows_each_language_status(office, page):
    admin_save(office, page, title_de="Über den VMDO in Dortmund")
    html = office.get(f"/verwaltung/vmdo_portal/page/{page.pk}/change/").content.decode()
    assert "Kleine Änderung – Übersetzungen bleiben aktuell" in html
    table = html[html.index('<table class="translation-statuses">') :]
    table = table[: table.index("</table>")]
    assert '<th scope="row">Türkisch</th><td class="translation-status-outdated">veraltet' in table
    assert '<th scope="row">Deutsch</th><td class="translation-status-source">' in table


def test_an_entry_added_in_the_back_office_starts_from_its_texts(office):
    response = office.post(
        "/verwaltung/members/community/add/",
        {"name_de": "Eritreisch", "name_tr": "Eritreli", "slug": "eritreisch"},
    )
    assert response.status_code == 302
    community = Community.objects.get(slug="eritreisch")
    assert statuses_for(community)["name"] == {
        "de": S.SOURCE,
        "en": S.MISSING,
        "tr": S.CURRENT,
        "ar": S.MISSING,
        "uk": S.MISSING,
        "ru": S.MISSING,
        "fa": S.MISSING,
        "pl": S.MISSING,
    }
    assert (
        FieldTranslation.objects.filter(
            content_type__model="community", object_id=community.pk
        ).count()
        == 7
    )
