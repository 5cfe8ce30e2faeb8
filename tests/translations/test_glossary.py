"""The glossary of protected terms, kept by staff in the back office: machine drafts leave
its terms as they are (against the local LibreTranslate stand-in,
tests/translations/servers.py)."""

import pytest
from django.core.cache import cache

from tests.factories import AssociationFactory, sign_in_with_second_factor, staff_in
from tests.translations.servers import running_service
from translations.drafts import drafts_make
from translations.glossary import DEFAULT_TERMS, glossary_terms, protected_terms
from translations.machine import translate
from translations.models import ProtectedTerm
from vmdo_portal.models import AuditEntry
from vmdo_portal.staff_groups import RAUMVERWALTUNG, REDAKTION

LIST = "/verwaltung/translations/protectedterm/"
ADD = f"{LIST}add/"


@pytest.fixture
def service(settings):
    with running_service() as service:
        settings.MACHINE_TRANSLATION_URL = f"libretranslate+http://{service.url}/"
        yield service


@pytest.fixture
def office(client, db):
    return sign_in_with_second_factor(client, staff_in(REDAKTION))


def add_term(office, term, note=""):
    return office.post(ADD, {"term": term, "note": note})


def test_the_glossary_starts_with_the_networks_names(db):
    assert sorted(ProtectedTerm.objects.values_list("term", flat=True)) == sorted(DEFAULT_TERMS)
    assert protected_terms()[0] == "Verbund der sozial-kulturellen Migrantenvereine in Dortmund"


def test_a_term_added_in_the_back_office_is_kept_and_a_deleted_one_no_longer(office, service):
    assert translate(["Treffen im Nordstadt-Zentrum"], target="tr")[0].text == (
        "[tr] TREFFEN IM NORDSTADT-ZENTRUM"
    )

    response = add_term(office, "Nordstadt-Zentrum", "unser Treffpunkt")

    assert response.status_code == 302
    term = ProtectedTerm.objects.get(term="Nordstadt-Zentrum")
    assert term.note == "unser Treffpunkt"
    assert translate(["Treffen im Nordstadt-Zentrum"], target="tr")[0].text == (
        "[tr] TREFFEN IM Nordstadt-Zentrum"
    )
    sent = service.requests[-1]["json"]["q"]
    assert sent == ['Treffen im <span translate="no">Nordstadt-Zentrum</span>']

    response = office.post(f"{LIST}{term.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not ProtectedTerm.objects.filter(term="Nordstadt-Zentrum").exists()
    assert translate(["Treffen im Nordstadt-Zentrum"], target="tr")[0].text == (
        "[tr] TREFFEN IM NORDSTADT-ZENTRUM"
    )


def test_a_machine_draft_keeps_a_new_term(office, service):
    association = AssociationFactory(description_de="Wir feiern das Lichterfest jedes Jahr.")
    add_term(office, "Lichterfest")

    drafts_make(association, languages=["tr"])

    association.refresh_from_db()
    assert association.description_tr == "[tr] WIR FEIERN DAS Lichterfest JEDES JAHR."


def test_a_changed_term_replaces_the_old_one(office, service):
    add_term(office, "Lichterfest")
    term = ProtectedTerm.objects.get(term="Lichterfest")

    response = office.post(f"{LIST}{term.pk}/change/", {"term": "Lichterfest Nord", "note": ""})

    assert response.status_code == 302
    assert translate(["Das Lichterfest Nord"], target="tr")[0].text == "[tr] DAS Lichterfest Nord"
    assert translate(["Das Lichterfest"], target="tr")[0].text == "[tr] DAS LICHTERFEST"


def test_the_glossary_is_read_once_and_kept_in_the_cache(
    db, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_num_queries(1):
        first = glossary_terms()
    with django_assert_num_queries(0):
        assert glossary_terms() == first
    ProtectedTerm.objects.create(term="Lichterfest")  # the cache is dropped
    with django_assert_num_queries(1):
        assert "Lichterfest" in glossary_terms()
    ProtectedTerm.objects.filter(term="Lichterfest").delete()
    assert "Lichterfest" not in glossary_terms()
    cache.clear()
    assert sorted(glossary_terms()) == sorted(DEFAULT_TERMS)


def test_adding_changing_and_deleting_a_term_is_logged(office):
    add_term(office, "Lichterfest")
    term = ProtectedTerm.objects.get(term="Lichterfest")
    office.post(f"{LIST}{term.pk}/change/", {"term": "Lichterfest", "note": "jährlich"})
    office.post(f"{LIST}{term.pk}/delete/", {"post": "yes"})

    entries = AuditEntry.objects.filter(object_repr="Lichterfest").order_by("pk")
    assert [(e.action, e.data, e.actor.groups.get().name) for e in entries] == [
        ("admin.created", {}, REDAKTION),
        ("admin.changed", {"fields": ["note"]}, REDAKTION),
        ("admin.deleted", {}, REDAKTION),
    ]


def test_the_list_can_be_searched(office):
    html = office.get(LIST, {"q": "samo"}).content.decode()
    assert "samo.fa" in html
    assert "Haus der Vielfalt" not in html
    assert "Geschützte Begriffe" in office.get(LIST).content.decode()


@pytest.mark.parametrize(
    ("term", "error"),
    [
        ("", "Dieses Feld ist zwingend erforderlich."),
        ("   ", "Dieses Feld ist zwingend erforderlich."),
        (
            "x",
            "Bitte sicherstellen, dass der Wert aus mindestens 2 Zeichen besteht. "
            "(Er besteht aus 1 Zeichen.)",
        ),
        (
            "x" * 201,
            "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. "
            "(Er besteht aus 201 Zeichen.)",
        ),
        (
            "<script>alert(1)</script>",
            "Ein geschützter Begriff ist reiner Text: bitte ohne &lt; und &gt;.",
        ),
        (
            "Haus\tder Vielfalt Nord",
            "Bitte verwenden Sie nur Buchstaben, Ziffern und Satzzeichen (keine Zeilenumbrüche "
            "oder Tabulatoren).",
        ),
        ("VMDO", "Dieser Begriff steht schon im Glossar."),
    ],
)
def test_a_bad_term_gets_a_clear_error_and_nothing_is_saved(office, term, error):
    before = list(ProtectedTerm.objects.values_list("term", flat=True))

    response = add_term(office, term)

    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert "<script>alert(1)</script>" not in html
    assert list(ProtectedTerm.objects.values_list("term", flat=True)) == before


def test_spaces_inside_a_term_count_once(office):
    add_term(office, "  Lichter   fest ")
    assert ProtectedTerm.objects.filter(term="Lichter fest").exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("staff_without_permission", 403),
        ("staff_without_2fa", 302),
        ("staff_2fa_not_used", 302),
        ("staff_with_permission", 200),
    ],
)
def test_who_may_edit_the_glossary(client, db, sign_in_as_staff, role, status):
    if role != "anonymous":
        sign_in_as_staff(role, REDAKTION)
    assert client.get(ADD).status_code == status
    assert client.post(ADD, {"term": "Lichterfest"}).status_code == (
        302 if status == 200 else status
    )
    assert ProtectedTerm.objects.filter(term="Lichterfest").exists() == (status == 200)


def test_room_management_may_not_edit_the_glossary(client, db):
    sign_in_with_second_factor(client, staff_in(RAUMVERWALTUNG))
    assert client.get(ADD).status_code == 403
    assert client.get(LIST).status_code == 403
