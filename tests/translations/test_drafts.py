"""Machine drafts for missing translations: after German text is saved (a background
task) and by `manage.py translate_missing`, against the local LibreTranslate stand-in
(tests/translations/servers.py)."""

import pytest
from django.core.management import CommandError, call_command

from members.models import Association
from tests.factories import AssociationFactory, member_of, sign_in_with_second_factor, staff_in
from tests.translations.servers import running_service
from tests.translations.test_saving import admin_save, save_profile
from translations.drafts import drafts_make
from translations.models import FieldTranslation
from translations.selectors import statuses_for
from translations.services import translation_saved
from vmdo_portal.models import Page
from vmdo_portal.staff_groups import REDAKTION
from vmdo_portal.vocabulary import TranslationStatus as S


@pytest.fixture
def service(settings):
    with running_service() as service:
        settings.MACHINE_TRANSLATION_URL = f"libretranslate+http://{service.url}/"
        yield service


@pytest.fixture
def association(db):
    return AssociationFactory(
        name="Brückenbauer e.V.",
        trusted=True,
        description_de="Der Brückenbauer e.V. lädt ein.",
    )


@pytest.fixture
def editor(association):
    return member_of(association, email="editor@example.org")


def row(obj, field, language):
    return FieldTranslation.objects.get(
        object_id=obj.pk, field=field, language=language, content_type__model=obj._meta.model_name
    )


def sent_texts(service):
    return [text for request in service.requests for text in request["json"]["q"]]


def test_a_german_edit_on_the_dashboard_drafts_the_missing_translations(
    client, association, editor, service, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        save_profile(
            client, association, description_de="Der Brückenbauer e.V. baut Brücken in Dortmund."
        )
    association.refresh_from_db()
    # The association's name (and the glossary's "Dortmund") are protected.
    assert association.description_tr == "[tr] DER Brückenbauer e.V. BAUT BRÜCKEN IN Dortmund."
    assert association.description_pl.startswith("[pl] ")
    assert statuses_for(association)["description"]["tr"] == S.MACHINE
    assert row(association, "description", "tr").machine_draft
    # The public profile shows the Turkish draft.
    html = client.get(f"/tr{association.get_absolute_url()[3:]}").content.decode()
    assert "BAUT BRÜCKEN IN Dortmund" in html


def test_a_persons_translation_is_never_replaced(
    client, association, editor, service, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    save_profile(client, association, description_tr="Köprü kuruyoruz.")  # a person's, current
    assert drafts_make(association, languages=["tr"]) == {}
    assert service.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        save_profile(client, association, description_de="Wir bauen Brücken.")
    # Outdated now, but a person's translation: left for people.
    assert association.description_tr == "Köprü kuruyoruz."
    assert statuses_for(association)["description"]["tr"] == S.OUTDATED
    assert "Wir bauen Brücken." in sent_texts(service)  # other languages were drafted


def test_a_machine_draft_whose_german_changed_is_drafted_again(
    client, association, editor, service, django_capture_on_commit_callbacks
):
    drafts_make(association, languages=["tr"])
    assert association.description_tr.startswith("[tr] DER")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        save_profile(client, association, description_de="Neu: wir bauen Brücken.")
    association.refresh_from_db()
    assert association.description_tr == "[tr] NEU: WIR BAUEN BRÜCKEN."
    assert statuses_for(association)["description"]["tr"] == S.MACHINE


@pytest.fixture
def office(client, db):
    return sign_in_with_second_factor(client, staff_in(REDAKTION))


def test_a_back_office_german_change_drafts_the_page(
    office, service, django_capture_on_commit_callbacks
):
    page = Page.objects.get(key=Page.Key.ABOUT)
    page.title_tr, page.title_pl = "Hakkımızda", ""
    page.save()
    translation_saved(page, "title", "tr")
    with django_capture_on_commit_callbacks(execute=True):
        admin_save(office, page, title_de="Über den VMDO in Dortmund")
    page.refresh_from_db()
    assert page.title_pl == "[pl] ÜBER DEN VMDO IN DORTMUND"
    assert statuses_for(page)["title"]["pl"] == S.MACHINE
    assert page.title_tr == "Hakkımızda"  # a person's, outdated: theirs to update
    assert statuses_for(page)["title"]["tr"] == S.OUTDATED


def test_nothing_is_sent_when_machine_translation_is_off(
    client, association, editor, settings, django_capture_on_commit_callbacks
):
    with running_service() as service:
        settings.MACHINE_TRANSLATION_URL = ""
        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            save_profile(client, association, description_de="Wir bauen Brücken.")
        assert callbacks == []  # no task queued
        assert drafts_make(association) == {}
        with pytest.raises(CommandError, match=r"nicht eingerichtet|not set up"):
            call_command("translate_missing", language=["tr"])
        assert service.requests == []
    assert association.description_tr in ("", None)


def test_translate_missing_fills_every_gap_once(association, service, capsys):
    call_command("translate_missing", language=["tr"])
    association.refresh_from_db()
    assert association.description_tr == "[tr] DER Brückenbauer e.V. LÄDT EIN."
    assert statuses_for(association)["description"]["tr"] == S.MACHINE
    sent = len(service.requests)
    assert sent
    assert "tr: " in capsys.readouterr().out
    call_command("translate_missing", language=["tr"])
    assert len(service.requests) == sent  # nothing left, nothing sent
    assert "tr: 0 texts drafted." in capsys.readouterr().out


def test_translate_missing_stops_when_the_budget_is_used_up(association, service, settings, office):
    settings.MACHINE_TRANSLATION_MONTHLY_CHARACTERS = 5
    with pytest.raises(CommandError, match="budget"):
        call_command("translate_missing", language=["tr"])
    assert service.requests == []
    association.refresh_from_db()
    assert association.description_tr in ("", None)
    status = row(association, "description", "tr")
    assert (status.status, status.machine_error) == (S.MISSING, "budget")
    html = office.get(f"/verwaltung/translations/fieldtranslation/{status.pk}/change/")
    assert "Das Monatsbudget für maschinelle Übersetzung ist aufgebraucht." in html.text


def test_a_failing_service_leaves_the_text_and_says_why(
    client, association, editor, service, django_capture_on_commit_callbacks
):
    service.reply = (500, b'{"error": "model not loaded"}')
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        save_profile(client, association, description_de="Wir bauen Brücken.")
    assert service.requests  # it was tried
    assert statuses_for(association)["description"]["tr"] == S.MISSING
    assert row(association, "description", "tr").machine_error == "unavailable"
    assert client.get(association.get_absolute_url()).status_code == 200
    # The next draft that succeeds clears the reason.
    service.reply = None
    drafts_make(Association.objects.get(pk=association.pk), languages=["tr"])
    status = row(association, "description", "tr")
    assert (status.status, status.machine_error) == (S.MACHINE, "")
