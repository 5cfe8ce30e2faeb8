"""The profile form on a phone (360×740): its texts one language at a time, switched in
place without losing typed text, beside the German original; axe-clean in German and
Arabic, and not ten thousand pixels tall."""

import re

from members.models import Association, Membership
from tests.e2e.test_facilities import sign_in
from tests.factories import AssociationFactory, member_of

PHONE = {"width": 360, "height": 740}
MAX_FORM_HEIGHT = 3000


def test_profile_texts_one_language_at_a_time_on_a_phone(visitor):
    association = AssociationFactory(
        name="Brücke Nordstadt",
        description_de="Wir treffen uns jeden Dienstag.",
        languages=["ar", "de", "tr"],
    )
    editor = member_of(association, Membership.Role.EDITOR, email="editor@example.org")
    page = visitor.page
    page.set_viewport_size(PHONE)
    sign_in(visitor, editor.email)
    form_url = f"/de/mein-verein/{association.slug}/profil/"

    visitor.goto(form_url)
    height = page.locator("main form.form").bounding_box()["height"]
    assert height < MAX_FORM_HEIGHT, f"the form is {height:.0f} px tall"
    assert page.locator("textarea:visible").count() == 2  # German description, activities
    assert page.locator(".language-switch a[aria-current=true]").inner_text() == (
        "Deutsch\nAusgangstext"
    )

    # Typed German text stays when switching to Turkish and back (no reload).
    page.get_by_label("Beschreibung (Deutsch)").fill("Neu: jeden Dienstag und Freitag.")
    page.locator('.language-switch a[data-language="tr"]').click()
    assert page.url.endswith(f"{form_url}?sprache=tr")
    assert page.locator("textarea:visible").count() == 2
    tr_panel = page.locator('[data-language-panel="tr"]')
    assert tr_panel.locator(".translation-source-text").first.inner_text() == (
        "Neu: jeden Dienstag und Freitag."
    )
    page.get_by_label("Beschreibung (Türkçe)").fill("Her salı ve cuma.")
    visitor.check()
    page.locator('.language-switch a[data-language="de"]').click()
    assert page.get_by_label("Beschreibung (Deutsch)").input_value() == (
        "Neu: jeden Dienstag und Freitag."
    )
    page.locator('.language-switch a[data-language="ar"]').click()
    ar_field = page.locator("#id_description_ar")
    assert ar_field.is_visible()
    assert (ar_field.get_attribute("lang"), ar_field.get_attribute("dir")) == ("ar", "rtl")
    ar_field.fill("كل يوم ثلاثاء وجمعة.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(rf"/de/mein-verein/{association.slug}/$"))

    # Untrusted: the change waits for review, with every language typed.
    revision = association.revisions.get()
    assert {
        key: revision.changes[key] for key in ("description_de", "description_tr", "description_ar")
    } == {
        "description_de": "Neu: jeden Dienstag und Freitag.",
        "description_tr": "Her salı ve cuma.",
        "description_ar": "كل يوم ثلاثاء وجمعة.",
    }
    assert Association.objects.get(pk=association.pk).description_tr in (None, "")

    # The Arabic dashboard, Arabic texts chosen by the link (works without JavaScript).
    visitor.goto(f"/ar/mein-verein/{association.slug}/profil/?sprache=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator('[data-language-panel="ar"]').is_visible()
    assert page.locator('[data-language-panel="de"]').is_hidden()
    height = page.locator("main form.form").bounding_box()["height"]
    assert height < MAX_FORM_HEIGHT, f"the Arabic form is {height:.0f} px tall"
