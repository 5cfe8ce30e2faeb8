"""Journeys of the members app: finding an association; keeping a profile current."""

import re

from django.core import mail

from members import services
from members.models import FieldOfActivity
from tests.factories import (
    PASSWORD,
    AssociationFactory,
    UserFactory,
    image_bytes,
    totp_code,
    totp_enable,
)


def test_visitor_searches_and_filters_the_directory_in_german_and_arabic(visitor):
    page = visitor.page
    culture = FieldOfActivity.objects.get(slug="culture")
    AssociationFactory(
        name="Syrischer Kulturverein",
        languages=["ar", "de"],
        fields_of_activity=[culture],
        district="innenstadt-nord",
        description_ar="نلتقي كل أسبوع",
    )
    AssociationFactory(name="Polnischer Chor", languages=["pl"], fields_of_activity=[culture])
    AssociationFactory(name="Schachclub Eving", languages=["de"], district="eving")

    visitor.goto("/de/vereine/")
    assert page.get_by_role("heading", level=2).first.inner_text() == "3 Vereine gefunden"
    page.get_by_label(re.compile(r"^Suche:?$")).fill("Kultur")
    page.locator(".filter-panel summary").click()  # the filters are folded
    page.get_by_label(re.compile(r"^Sprache:?$")).select_option("ar")
    page.get_by_role("button", name="Vereine anzeigen").click()
    page.wait_for_url(re.compile(r"q=Kultur.*language=ar"))
    visitor.check()
    assert page.locator(".card h3").all_inner_texts() == ["Syrischer Kulturverein"]

    page.go_back()
    page.wait_for_url(re.compile(r"/de/vereine/$"))
    assert page.locator(".card h3").count() == 3

    visitor.goto("/ar/vereine/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.locator(".filter-panel summary").click()
    page.locator("#id_district").select_option("innenstadt-nord")
    page.locator(".filter-panel button[type=submit]").click()
    page.wait_for_url(re.compile(r"district=innenstadt-nord"))
    visitor.check()
    page.get_by_role("link", name="Syrischer Kulturverein").click()
    page.wait_for_url(re.compile(r"/ar/vereine/syrischer-kulturverein/$"))
    visitor.check()
    assert page.locator(".prose").first.inner_text() == "نلتقي كل أسبوع"


def test_invited_person_edits_the_profile_and_staff_approve_it(visitor, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    page = visitor.page
    association = AssociationFactory(name="Brücke Nordstadt", description_de="Alte Beschreibung.")
    staff = UserFactory(is_staff=True, is_superuser=True, email="redaktion@example.org")
    secret = totp_enable(staff)
    services.invitation_send(
        invitation=association.invitations.create(email="neu@example.org", role="admin")
    )
    link = re.search(r"http://[^/]+(/\S+/einladung/\S+/)", mail.outbox[-1].body).group(1)

    visitor.goto(link)
    page.get_by_label("Ihr Name").fill("Amina Beispiel")
    page.get_by_label(re.compile(r"^Passwort:?$")).fill("ein-langes-passwort-2026")
    page.get_by_label("Passwort (Wiederholung)").fill("ein-langes-passwort-2026")
    page.get_by_role("button", name="Konto anlegen und Einladung annehmen").click()
    page.wait_for_url(re.compile(rf"/de/mein-verein/{association.slug}/$"))
    visitor.check()

    page.get_by_role("link", name="Profil bearbeiten").click()
    visitor.check()
    page.get_by_label("Beschreibung (Deutsch)").fill("Neue Beschreibung mit Hausaufgabenhilfe.")
    logo = tmp_path / "logo.png"
    logo.write_bytes(image_bytes("PNG", size=(200, 100)))
    page.get_by_label("Neues Logo").set_input_files(str(logo))
    page.get_by_role("button", name="Vorschau").click()
    visitor.check()
    assert page.locator(".preview .prose").first.inner_text() == (
        "Neue Beschreibung mit Hausaufgabenhilfe."
    )
    assert page.locator(".preview .profile-logo").is_visible()  # the chosen logo
    # "Save" keeps the logo chosen for the preview: no need to choose it again.
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(rf"/de/mein-verein/{association.slug}/$"))
    visitor.check()
    assert "zur Prüfung" in page.locator(".messages").inner_text()

    visitor.goto(association.get_absolute_url())
    assert page.locator(".profile .prose").first.inner_text() == "Alte Beschreibung."

    page.get_by_role("button", name="Abmelden").click()
    visitor.goto("/verwaltung/members/profilerevision/")
    page.get_by_label("E-Mail").fill("redaktion@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url(re.compile(r"/verwaltung/members/profilerevision/$"))
    visitor.check()
    page.get_by_role("link", name=re.compile("Brücke Nordstadt")).first.click()
    visitor.check()
    assert "Neue Beschreibung mit Hausaufgabenhilfe." in page.locator(".revision-diff").inner_text()
    page.get_by_role("button", name="Freigeben und veröffentlichen").click()
    visitor.check()

    visitor.goto(association.get_absolute_url())
    assert page.locator(".profile .prose").first.inner_text() == (
        "Neue Beschreibung mit Hausaufgabenhilfe."
    )
    assert page.locator(".profile-logo").is_visible()
    assert mail.outbox[-1].to == ["neu@example.org"]
