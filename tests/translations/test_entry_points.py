"""Every place that saves texts keeps their translation statuses, not only the back office's
own forms: the associations' event dashboard (event_create / event_update), duplicating
an event, projects and sites made by their services, the spreadsheet import of
associations, and inline rows with translated texts in the back office (contact persons)."""

from datetime import date

import pytest

from events import services as events
from events.models import Event
from members.models import Association
from projects.models import ContactPerson
from tests.events.test_events import FORM
from tests.factories import (
    AssociationFactory,
    member_of,
    sign_in_with_second_factor,
    staff_in,
)
from tests.members.test_admin import confirm, csv_file, upload
from tests.projects.test_admin import make_project, management_form, new_site, project_data
from translations.models import FieldTranslation
from translations.selectors import statuses_for
from translations.services import translation_saved
from vmdo_portal.staff_groups import REDAKTION
from vmdo_portal.vocabulary import TranslationStatus as S

pytestmark = pytest.mark.django_db
DAY = date.fromisoformat(FORM["first_date"])


@pytest.fixture
def office(client):
    return sign_in_with_second_factor(client, staff_in(REDAKTION))


def rows_of(obj) -> int:
    return FieldTranslation.objects.filter(
        object_id=obj.pk, content_type__model=obj._meta.model_name
    ).count()


# --- events on the associations' dashboard ---------------------------------------------


@pytest.fixture
def association():
    return AssociationFactory(name="Kochclub e.V.")


@pytest.fixture
def editor(association):
    return member_of(association, email="koch@example.org")


def edit_url(association, event, language="de"):
    return f"/{language}/mein-verein/{association.slug}/veranstaltungen/{event.pk}/bearbeiten/"


def test_an_event_made_on_the_dashboard_starts_with_statuses(client, association, editor):
    client.force_login(editor)
    client.post(f"/de/mein-verein/{association.slug}/veranstaltungen/neu/", FORM)
    event = Event.objects.get()
    statuses = statuses_for(event)
    assert (statuses["title"]["tr"], statuses["summary"]["ar"]) == (S.MISSING, S.MISSING)
    assert rows_of(event) == 3 * 7  # title, summary, description × seven languages


def test_a_german_change_on_the_dashboard_makes_translations_outdated(client, association, editor):
    client.force_login(editor)
    client.post(f"/de/mein-verein/{association.slug}/veranstaltungen/neu/", FORM)
    event = Event.objects.get()
    event.title_tr = "Yemek akşamı"
    event.save()
    translation_saved(event, "title", "tr")  # a translator's work
    assert statuses_for(event)["title"]["tr"] == S.CURRENT

    # The dashboard read in Turkish: the form's texts are still the German ones.
    response = client.post(edit_url(association, event, "tr"), {**FORM, "title": "Kochabend Nord"})

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title_de, event.title_tr) == ("Kochabend Nord", "Yemek akşamı")
    assert statuses_for(event)["title"]["tr"] == S.OUTDATED
    assert statuses_for(event)["summary"]["tr"] == S.MISSING


def test_a_dashboard_save_without_text_changes_keeps_the_statuses(client, association, editor):
    client.force_login(editor)
    client.post(f"/de/mein-verein/{association.slug}/veranstaltungen/neu/", FORM)
    event = Event.objects.get()
    event.title_tr = "Yemek akşamı"
    event.save()
    translation_saved(event, "title", "tr")

    client.post(edit_url(association, event), {**FORM, "address": "Nordmarkt 2"})

    assert statuses_for(event)["title"]["tr"] == S.CURRENT


def test_a_duplicated_event_keeps_the_statuses_of_its_original(association, editor):
    [event] = events.event_create(
        by=editor,
        title="Kochabend",
        first_date=DAY,
        start_time=None,
        all_day=True,
        location_kind=Event.Location.ADDRESS,
        address="Nordmarkt 1",
        summary="Gemeinsam kochen",
        summary_de="Gemeinsam kochen",
    )
    event.title_tr, event.title_ar = "Yemek akşamı", "أمسية طبخ"
    event.save()
    translation_saved(event, "title", "tr")
    translation_saved(event, "title", "ar", machine=True)
    events.event_update(
        event=event,
        by=editor,
        first_date=DAY,
        start_time=None,
        end_time=None,
        all_day=True,
        categories=[],
        languages=[],
        title="Kochabend im Herbst",
    )
    assert statuses_for(event)["title"]["tr"] == S.OUTDATED

    copy = events.event_duplicate(event=event, by=editor)

    assert statuses_for(copy) == statuses_for(event)
    assert statuses_for(copy)["title"]["tr"] == S.OUTDATED
    assert rows_of(copy) == rows_of(event) == 21


# --- projects and sites made by their services -------------------------------------------


def test_projects_and_sites_made_by_their_services_start_with_statuses():
    project = make_project(
        title="Sprachbrücken",
        summary="Dolmetschen für Familien",
        summary_de="Dolmetschen für Familien",
        summary_tr="Aileler için tercümanlık",
    )
    site = new_site(project, directions_de="Zweiter Stock")

    assert statuses_for(project)["summary"]["tr"] == S.CURRENT
    assert statuses_for(project)["summary"]["ar"] == S.MISSING
    assert statuses_for(project)["title"]["tr"] == S.MISSING
    assert statuses_for(site)["directions"]["uk"] == S.MISSING
    assert rows_of(project) == 3 * 7


# --- the spreadsheet import of associations ---------------------------------------------


def import_rows(office, *lines, header="slug;name;description_de;description_tr"):
    preview = upload(office, csv_file(header, *lines))
    assert preview.context["result"].has_errors() is False
    assert confirm(office, preview).status_code == 302


def test_an_imported_association_starts_with_statuses(office):
    import_rows(office, ";Kochclub Nord;Wir kochen.;Yemek pişiriyoruz.")
    association = Association.objects.get(name="Kochclub Nord")
    assert statuses_for(association)["description"]["tr"] == S.CURRENT
    assert statuses_for(association)["description"]["ar"] == S.MISSING


def test_an_import_that_changes_the_german_text_makes_translations_outdated(office):
    import_rows(office, ";Kochclub Nord;Wir kochen.;Yemek pişiriyoruz.")
    association = Association.objects.get(name="Kochclub Nord")

    # A list without the Turkish column leaves the Turkish text as it is.
    import_rows(
        office,
        f"{association.slug};Kochclub Nord;Wir kochen jeden Freitag.",
        header="slug;name;description_de",
    )

    association.refresh_from_db()
    assert association.description_tr == "Yemek pişiriyoruz."
    assert statuses_for(association)["description"]["tr"] == S.OUTDATED

    import_rows(
        office,
        f"{association.slug};Kochclub Nord;Wir kochen jeden Freitag.;Her cuma yemek pişiriyoruz.",
    )

    assert statuses_for(association)["description"]["tr"] == S.CURRENT


def test_an_unchanged_import_keeps_the_statuses(office):
    import_rows(office, ";Kochclub Nord;Wir kochen.;Yemek pişiriyoruz.")
    association = Association.objects.get(name="Kochclub Nord")
    association.description_ar = "نطبخ"
    association.save()
    translation_saved(association, "description", "ar", machine=True)

    import_rows(office, f"{association.slug};Kochclub Nord;Wir kochen.;Yemek pişiriyoruz.")

    assert statuses_for(association)["description"]["ar"] == S.MACHINE


# --- inline rows in the back office: a project's contact persons -------------------------


PROJECTS = "/verwaltung/projects/project/"


def contact_row(contact, **changes) -> dict:
    row = {"id": contact.pk, "project": contact.project_id, "name": contact.name, "email": ""}
    row |= {"phone": "", "public": "", "order": "0"}
    for code in ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl"]:
        row[f"role_{code}"] = getattr(contact, f"role_{code}") or ""
    row |= changes
    return {f"contacts-0-{name}": value for name, value in row.items()}


def save_project(office, project, contact, page=None, **changes):
    data = project_data(
        title_de=project.title_de,
        slug=project.slug,
        kind=project.kind,
        start_date=project.start_date.isoformat(),
    )
    data |= management_form("contacts", total=1, initial=1) | contact_row(contact, **changes)
    data |= page or {}
    response = office.post(f"{PROJECTS}{project.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    contact.refresh_from_db()


@pytest.fixture
def contact():
    project = make_project(title="Sprachbrücken", kind="counselling")
    contact = ContactPerson.objects.create(
        project=project, name="Ayşe Demir", role_de="Beraterin", role_tr="Danışman"
    )
    translation_saved(contact, "role", "tr")
    return contact


def test_a_german_change_in_an_inline_row_makes_translations_outdated(office, contact):
    save_project(office, contact.project, contact, role_de="Leitende Beraterin")
    assert contact.role_de == "Leitende Beraterin"
    assert statuses_for(contact)["role"]["tr"] == S.OUTDATED
    assert statuses_for(contact)["role"]["ar"] == S.MISSING


def test_a_translation_saved_in_an_inline_row_is_current(office, contact):
    save_project(office, contact.project, contact, role_de="Leitende Beraterin")

    save_project(office, contact.project, contact, role_tr="Kıdemli danışman")

    assert statuses_for(contact)["role"]["tr"] == S.CURRENT


def test_a_minor_change_ticked_on_the_page_keeps_inline_translations_current(office, contact):
    page = {"translation_minor": "on"}
    save_project(office, contact.project, contact, page, role_de="Beraterin.")
    assert statuses_for(contact)["role"]["tr"] == S.CURRENT


def test_a_row_added_in_an_inline_starts_with_statuses(office, contact):
    project = contact.project
    data = project_data(
        title_de=project.title_de,
        slug=project.slug,
        kind=project.kind,
        start_date=project.start_date.isoformat(),
    )
    data |= management_form("contacts", total=2, initial=1) | contact_row(contact)
    data |= {
        "contacts-1-project": project.pk,
        "contacts-1-name": "Omar Haddad",
        "contacts-1-role_de": "Dolmetscher",
        "contacts-1-role_ar": "مترجم",
        "contacts-1-order": "1",
    }
    assert office.post(f"{PROJECTS}{project.pk}/change/", data).status_code == 302
    added = ContactPerson.objects.get(name="Omar Haddad")
    assert statuses_for(added)["role"]["ar"] == S.CURRENT
    assert statuses_for(added)["role"]["tr"] == S.MISSING
