"""Right-to-left pages keep left-to-right fragments intact: contact data, German
fallback text and names set into sentences are bidi-isolated elements."""

from datetime import date

import pytest

from members.models import FieldOfActivity
from projects import services as project_services
from projects.models import Project
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_profile_isolates_contact_data_and_german_fallbacks(client, language):
    field = FieldOfActivity.objects.create(name_de="Elternarbeit", slug="elternarbeit")
    association = AssociationFactory(
        name="Brücke e.V.",
        email="kontakt@bruecke.example.org",
        phone="+49 231 123456",
        website="https://bruecke.example.org/",
        description_de="Wir beraten Familien in ihrer Sprache.",
        show_email=True,
        show_phone=True,
    )
    association.fields_of_activity.set([field])

    html = client.get(f"/{language}/vereine/{association.slug}/").content.decode()

    assert (
        '<a href="mailto:kontakt@bruecke.example.org" dir="ltr">kontakt@bruecke.example.org</a>'
        in html
    )
    assert '<a href="tel:+49231123456" dir="ltr">+49 231 123456</a>' in html
    assert (
        '<a href="https://bruecke.example.org/" rel="noopener" dir="ltr">'
        "https://bruecke.example.org/</a>" in html
    )
    assert (
        '<div class="prose" lang="de" dir="ltr"><p>Wir beraten Familien in ihrer Sprache.</p></div>'
        in html
    )
    assert '<bdi lang="de" dir="ltr">Elternarbeit</bdi>' in html
    # The portal's own address in the footer, on every page.
    assert '<a href="mailto:info@vmdo.de" dir="ltr">info@vmdo.de</a>' in html


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_directory_cards_isolate_german_fallback_fields(client, language):
    """The directory's cards mark a field of activity without a translation as German,
    like the profile does; a translated one stays in the page's language."""
    german_only = FieldOfActivity.objects.create(name_de="Elternarbeit", slug="elternarbeit")
    translated = FieldOfActivity.objects.create(
        name_de="Kultur", name_ar="ثقافة", name_fa="فرهنگ", slug="kultur-test"
    )
    association = AssociationFactory(name="Brücke e.V.")
    association.fields_of_activity.set([german_only, translated])

    html = client.get(f"/{language}/vereine/").content.decode()

    assert '<bdi lang="de" dir="ltr">Elternarbeit</bdi>' in html
    name = {"ar": "ثقافة", "fa": "فرهنگ"}[language]
    assert f"<bdi>{name}</bdi>" in html


def test_site_and_project_isolate_names_in_sentences_and_contacts(client):
    project = project_services.project_create(
        slug="lokal-willkommen",
        title_de="lokal willkommen",
        title="lokal willkommen",
        kind=Project.Kind.NETWORK,
        start_date=date(2017, 1, 1),
        published=True,
        website="https://lokal.example.org/",
    )
    site = project_services.site_create(
        project=project,
        name="Büro Nord",
        slug="buero-nord",
        operator="Planerladen e.V.",
        run_by_vmdo=False,
        email="nord@lokal.example.org",
        phone="0231 98765",
    )

    html = client.get(f"/ar/standorte/{site.slug}/").content.decode()
    # "Run by Planerladen e.V." in Arabic: the name keeps its full stop outside.
    assert "<bdi>Planerladen e.V.</bdi>." in html
    assert '<a href="mailto:nord@lokal.example.org" dir="ltr">nord@lokal.example.org</a>' in html
    assert '<a href="tel:023198765" dir="ltr">0231 98765</a>' in html

    html = client.get(f"/fa/projekte/{project.slug}/").content.decode()
    assert (
        '<a href="https://lokal.example.org/" rel="noopener" dir="ltr">https://lokal.example.org/</a>'
        in html
    )


def test_german_page_keeps_no_extra_direction_marks(client):
    association = AssociationFactory(email="kontakt@example.org", show_email=True)
    html = client.get(f"/de/vereine/{association.slug}/").content.decode()
    # German is the source language: no fallback marking, contact data still isolated.
    assert '<div class="prose"><p>Ein Verein für Begegnung' in html
    assert '<a href="mailto:kontakt@example.org" dir="ltr">kontakt@example.org</a>' in html
