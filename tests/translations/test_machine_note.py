"""Visitors see which text is an unreviewed machine translation: a short note in their
language before the text, linking to the same page in German (issue 12)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from members.models import FieldOfActivity
from tests.factories import AssociationFactory, UserFactory, make_event
from translations.services import translation_reviewed, translation_saved
from vmdo_portal.models import Page

pytestmark = pytest.mark.django_db

NOTE = re.compile(r'<p class="machine-note"><a href="([^"]+)" hreflang="de">([^<]+)</a></p>')


def notes(response) -> list[tuple[str, str]]:
    assert response.status_code == 200
    return NOTE.findall(response.content.decode())


def translate(obj, machine=True, **texts):
    """Store translated texts as a machine (or a person) made them."""
    type(obj).objects.filter(pk=obj.pk).update(**texts)
    obj.refresh_from_db()
    for name in texts:
        field, language = name.rsplit("_", 1)
        translation_saved(obj, field, language, machine=machine)


@pytest.fixture
def association():
    return AssociationFactory(name="Brückenbauer e.V.", regular_activities_de="Jeden Montag.")


def test_a_machine_translated_description_has_a_note_linking_to_the_german_page(
    client, association
):
    translate(association, description_tr="Kültür ve buluşma için bir dernek.")
    found = notes(client.get(f"/tr/vereine/{association.slug}/"))
    assert [url for url, _text in found] == [f"/de/vereine/{association.slug}/"]
    html = client.get(f"/tr/vereine/{association.slug}/").content.decode()
    # The note comes right before the text it is about.
    assert re.search(r'class="machine-note">.*?</p>\s*<div class="prose">\s*<p>Kültür', html)


def test_the_note_is_in_the_page_language(client, association):
    translate(association, description_en="An association for culture and encounter.")
    [(_url, text)] = notes(client.get(f"/en/vereine/{association.slug}/"))
    assert text == "Machine translation – read the German original"


def test_a_reviewed_translation_has_no_note(client, association):
    reviewer = UserFactory()
    translate(association, description_tr="Kültür ve buluşma için bir dernek.")
    assert notes(client.get(f"/tr/vereine/{association.slug}/"))
    translation_reviewed(association, "description", "tr", by=reviewer)
    assert notes(client.get(f"/tr/vereine/{association.slug}/")) == []


def test_a_translation_by_a_person_and_german_pages_have_no_note(client, association):
    translate(association, description_tr="Kültür ve buluşma için bir dernek.")
    translate(association, machine=False, regular_activities_tr="Her pazartesi.")
    assert len(notes(client.get(f"/tr/vereine/{association.slug}/"))) == 1
    assert notes(client.get(f"/de/vereine/{association.slug}/")) == []
    # No Ukrainian text: the German one is shown (marked German), without a note.
    assert notes(client.get(f"/uk/vereine/{association.slug}/")) == []


def test_an_arabic_page_notes_the_text_and_keeps_it_right_to_left(client, association):
    translate(association, description_ar="جمعية للثقافة واللقاء.")
    response = client.get(f"/ar/vereine/{association.slug}/")
    assert [url for url, _text in notes(response)] == [f"/de/vereine/{association.slug}/"]
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # The Arabic text is not marked German: it takes the page's language and direction.
    assert re.search(r'<div class="prose">\s*<p>جمعية', html)
    # The untranslated activities fall back to German, marked so, without a note.
    assert re.search(r'<div class="prose" lang="de" dir="ltr">\s*<p>Jeden Montag', html)


def page_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    return len(queries)


def test_the_profile_reads_the_statuses_once(client, association):
    path = f"/tr/vereine/{association.slug}/"
    german = page_queries(client, f"/de/vereine/{association.slug}/")
    translate(association, description_tr="Kültür ve buluşma için bir dernek.")
    one = page_queries(client, path)
    assert one == german + 1  # the statuses, read once for both texts
    assert len(notes(client.get(path))) == 1
    translate(association, regular_activities_tr="Her pazartesi.")
    assert page_queries(client, path) == one
    assert len(notes(client.get(path))) == 2


def test_an_event_notes_its_heading_and_its_description(client):
    staff = UserFactory(is_staff=True)
    event = make_event(
        by=staff, title="Sprachcafé", summary="Deutsch üben.", description="Mit Tee."
    )
    path = f"/tr/veranstaltungen/{event.slug}/"
    german = page_queries(client, f"/de/veranstaltungen/{event.slug}/")
    translate(event, title_tr="Dil kafesi")
    one = page_queries(client, path)
    assert one == german + 1  # the statuses, read once for all three texts
    assert len(notes(client.get(path))) == 1
    translate(event, summary_tr="Almanca pratik.", description_tr="Çay ile.")
    assert page_queries(client, path) == one
    found = notes(client.get(path))
    # One note for the heading (title and summary), one for the description.
    assert [url for url, _text in found] == [f"/de/veranstaltungen/{event.slug}/"] * 2
    assert notes(client.get(f"/de/veranstaltungen/{event.slug}/")) == []


def test_vocabulary_names_shipped_as_machine_translations_get_no_note(client, association):
    field = FieldOfActivity.objects.create(
        name_de="Jugendarbeit", name_tr="Gençlik çalışması", slug="jugendarbeit-test"
    )
    translation_saved(field, "name", "tr", machine=True)
    association.fields_of_activity.add(field)
    html = client.get(f"/tr/vereine/{association.slug}/").content.decode()
    assert "Gençlik çalışması" in html
    assert "machine-note" not in html


def test_a_staff_page_notes_its_machine_translated_text(client):
    page = Page.objects.get(key=Page.Key.ABOUT)
    with override("de"):
        german = page.get_absolute_url()
    with override("en"):
        english = page.get_absolute_url()
    translate(page, body_en="We are the network of migrant organisations in Dortmund.")
    html = client.get(english).content.decode()
    assert [url for url, _text in NOTE.findall(html)] == [german]
    assert re.search(r'class="machine-note">.*?</p>\s*<div class="prose">\s*<p>We are', html)
