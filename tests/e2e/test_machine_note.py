"""A machine-translated profile read on a 360×740 phone in Arabic and Turkish (issue 12):
the note is visible in the reader's language, the page passes axe-core and stays within
the screen, and the note's link leads to the German original."""

import pytest

from tests.factories import AssociationFactory
from translations.services import translation_saved

DRAFTS = {
    "ar": ("جمعية للثقافة واللقاء في شمال المدينة.", "ترجمة آلية – اقرأ النص الأصلي بالألمانية"),
    "tr": (
        "Kuzey kentte kültür ve buluşma için bir dernek.",
        "Makine çevirisi – Almanca aslını okuyun",
    ),
}


@pytest.mark.parametrize("language", ["ar", "tr"])
def test_a_machine_translated_profile_on_a_phone(visitor, language):
    text, note = DRAFTS[language]
    association = AssociationFactory(
        name="Brückenbauer e.V.",
        description_de="Ein Verein für Kultur und Begegnung in der Nordstadt.",
    )
    type(association).objects.filter(pk=association.pk).update(**{f"description_{language}": text})
    association.refresh_from_db()
    translation_saved(association, "description", language, machine=True)

    page = visitor.page
    page.set_viewport_size({"width": 360, "height": 740})
    visitor.goto(f"/{language}/vereine/{association.slug}/")  # axe-core runs here

    link = page.locator("p.machine-note a")
    assert link.inner_text() == note
    assert link.is_visible()
    assert page.locator("main .prose", has_text=text).first.is_visible()
    # The text is in the page's language and direction, not marked German.
    direction = page.locator("main .prose", has_text=text).first.evaluate(
        "element => getComputedStyle(element).direction"
    )
    assert direction == ("rtl" if language == "ar" else "ltr")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    box = link.bounding_box()
    assert box["height"] >= 24 or box["width"] >= 24  # a reachable tap target

    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/de/vereine/{association.slug}/")
    assert page.locator("main .prose", has_text="Ein Verein für Kultur").first.is_visible()
    assert page.locator("p.machine-note").count() == 0
    visitor.check()


HUMAN = {
    "ar": "مشروع لمنظمات المهاجرين في دورتموند.",
    "tr": "Dortmund'daki göçmen dernekleri için bir proje.",
}


@pytest.mark.parametrize("language", ["ar", "tr"])
def test_a_project_translated_by_a_person_on_a_phone(visitor, language):
    from tests.factories import make_project
    from translations.services import translation_texts_saved

    project = make_project(summary_de="Ein Projekt für Migrantenorganisationen in Dortmund.")
    type(project).objects.filter(pk=project.pk).update(**{f"summary_{language}": HUMAN[language]})
    project.refresh_from_db()
    translation_texts_saved(project, changed=[f"summary_{language}"])

    page = visitor.page
    page.set_viewport_size({"width": 360, "height": 740})
    visitor.goto(f"/{language}{project.get_absolute_url()[3:]}")  # axe-core runs here
    text = page.get_by_text(HUMAN[language]).first
    assert text.is_visible()
    assert text.evaluate("element => getComputedStyle(element).direction") == (
        "rtl" if language == "ar" else "ltr"
    )
    assert text.evaluate("element => element.closest('[lang]').lang") == language
    # A person's translation carries no machine note.
    assert page.locator("p.machine-note").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
