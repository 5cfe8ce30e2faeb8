"""The translation desk in Chromium (issue 12): a translator for Arabic signs in on a
desktop window, opens the Arabic queue, translates a missing text, reviews a machine
draft and reads both on the public Arabic page. Queue and editor pass axe-core in German
and Arabic; on a 360 px phone the editor is stacked and nothing is wider than the screen."""

from members.models import Association
from tests.e2e.test_facilities import sign_in
from tests.factories import AssociationFactory
from tests.translations.desk import editor_url, make_translator
from translations.services import translation_saved

ACTIVITIES_AR = "كل يوم جمعة من الساعة السادسة مساءً: مقهى اللغة."
DESCRIPTION_AR = "جمعية للثقافة واللقاء في شمال المدينة."


def _association():
    association = AssociationFactory(
        name="Brückenbauer e.V.",
        description_de="Ein Verein für Kultur und Begegnung in der Nordstadt.",
        regular_activities_de="Jeden Freitag ab 18 Uhr: Sprachcafé.",
    )
    Association.objects.filter(pk=association.pk).update(regular_activities_ar=ACTIVITIES_AR)
    association.refresh_from_db()
    translation_saved(association, "regular_activities", "ar", machine=True)
    return association


def test_a_translator_translates_and_reviews_in_arabic(visitor):
    association = _association()
    make_translator(["ar"], email="leila@example.org")
    page = visitor.page
    sign_in(visitor, "leila@example.org")

    page.locator(".account-links").get_by_role("link", name="Übersetzen").click()
    page.wait_for_load_state("load")
    visitor.check()
    assert page.locator("h1").inner_text() == "Übersetzungstisch"
    page.get_by_role("link", name="Arabisch").click()
    page.wait_for_load_state("load")
    visitor.check()
    assert page.locator(".result-count").inner_text() == (
        "2 Texte warten auf Übersetzung oder Prüfung."
    )
    page.get_by_role("link", name="Brückenbauer e.V.").click()
    page.wait_for_load_state("load")
    visitor.check()

    # German left (read-only, German), Arabic right (right to left).
    source = page.locator(".desk-source-text").first
    assert source.get_attribute("lang") == "de"
    assert source.evaluate("element => getComputedStyle(element).direction") == "ltr"
    target = page.locator("#id_description")
    assert target.evaluate("element => getComputedStyle(element).direction") == "rtl"
    source_box, target_box = source.bounding_box(), target.bounding_box()
    assert source_box["x"] + source_box["width"] <= target_box["x"]  # side by side

    target.fill(DESCRIPTION_AR)
    page.get_by_role("button", name="Übersetzung speichern").click()
    page.wait_for_load_state("load")
    assert page.locator(".messages").inner_text() == "Die Übersetzung wurde gespeichert."
    page.get_by_role("button", name="Geprüft: Die maschinelle Übersetzung stimmt").click()
    page.wait_for_load_state("load")
    assert page.locator(".messages").inner_text() == (
        "Die maschinelle Übersetzung ist als geprüft markiert."
    )
    assert page.locator(".translation-status-machine").count() == 0
    visitor.check()

    visitor.goto(f"/ar/vereine/{association.slug}/")
    assert page.locator("main", has_text=DESCRIPTION_AR).first.is_visible()
    assert page.locator("main", has_text=ACTIVITIES_AR).first.is_visible()
    assert page.locator("p.machine-note").count() == 0


def test_queue_and_editor_in_arabic_and_on_a_phone(visitor):
    association = _association()
    make_translator(["ar"], email="leila@example.org")
    page = visitor.page
    sign_in(visitor, "leila@example.org")
    for prefix in ("de", "ar"):
        visitor.goto(f"/{prefix}/uebersetzen/")
        visitor.goto(f"/{prefix}/uebersetzen/ar/")
        visitor.goto(editor_url(association, "ar", prefix))

    page.set_viewport_size({"width": 360, "height": 740})
    for prefix in ("de", "ar"):
        visitor.goto(editor_url(association, "ar", prefix))
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        for element in page.locator("main textarea, main button, main a").all():
            box = element.bounding_box()
            if box:
                assert box["x"] >= -0.5 and box["x"] + box["width"] <= 360.5
        source = page.locator(".desk-source-text").first.bounding_box()
        target = page.locator("#id_description").bounding_box()
        assert source["y"] + source["height"] <= target["y"]  # stacked
        visitor.goto(f"/{prefix}/uebersetzen/ar/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
