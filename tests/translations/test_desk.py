"""The translation desk: saving, reviewing, refusing; the queue; the assignments."""

import pytest
from django.contrib.contenttypes.models import ContentType

from events.models import Event
from events.services import event_cancel
from members.models import Association, Membership, ProfileRevision
from tests.factories import AssociationFactory, UserFactory, make_event, member_of
from tests.translations.desk import editor_url, make_translator
from translations.desk_services import desk_fingerprint
from translations.models import FieldTranslation, Translator
from translations.services import translation_saved, translation_source_saved
from vmdo_portal.models import AuditEntry, Page
from vmdo_portal.vocabulary import TranslationStatus as Status

pytestmark = pytest.mark.django_db


def status_of(obj, field, language):
    return FieldTranslation.objects.get(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=field,
        language=language,
    ).status


def post(client, obj, language, **texts):
    """Post the editor's form as it was opened now (with its fingerprints)."""
    data = {
        "source": desk_fingerprint(obj, "de"),
        "target": desk_fingerprint(obj, language),
        **texts,
    }
    return client.post(editor_url(obj, language), data)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


@pytest.fixture
def page():
    page = Page.objects.get(key=Page.Key.ABOUT)
    page.title_de, page.summary_de, page.body_de = "Über uns", "Wer wir sind", "Der VMDO ist …"
    page.save()
    translation_source_saved(page)
    return page


@pytest.fixture
def translator(client):
    user = make_translator(["tr", "ar"], email="ayse@example.org")
    client.force_login(user)
    return user


# --- saving -------------------------------------------------------------------------


def test_a_missing_text_saved_is_up_to_date_and_logged(client, translator, page):
    assert status_of(page, "title", "tr") == Status.MISSING
    response = post(client, page, "tr", title="Hakkımızda")
    assert response.status_code == 302
    assert response.headers["Location"] == editor_url(page, "tr")
    assert messages_of(response) == ["Die Übersetzung wurde gespeichert."]
    page.refresh_from_db()
    assert page.title_tr == "Hakkımızda"
    assert page.title_de == "Über uns"
    assert status_of(page, "title", "tr") == Status.CURRENT
    entry = AuditEntry.objects.get(action="translation.saved")
    assert (entry.actor, entry.object_id, entry.data) == (
        translator,
        page.pk,
        {"fields": ["title_tr"], "language": "tr"},
    )


def test_an_outdated_translation_saved_becomes_up_to_date(client, translator, page):
    post(client, page, "tr", title="Hakkımızda")
    page.refresh_from_db()
    page.title_de = "Über den VMDO"
    page.save()
    translation_source_saved(page, fields=["title"])
    assert status_of(page, "title", "tr") == Status.OUTDATED
    assert post(client, page, "tr", title="VMDO hakkında").status_code == 302
    assert status_of(page, "title", "tr") == Status.CURRENT


def test_a_machine_draft_reviewed_is_up_to_date_and_unchanged(client, translator, page):
    Page.objects.filter(pk=page.pk).update(body_ar="فيمدو هو …")
    page.refresh_from_db()
    translation_saved(page, "body", "ar", machine=True)
    html = client.get(editor_url(page, "ar")).content.decode()
    assert 'form="review-body"' in html
    response = post(client, page, "ar", review="body")
    assert response.status_code == 302
    assert messages_of(response) == ["Die maschinelle Übersetzung ist als geprüft markiert."]
    page.refresh_from_db()
    assert page.body_ar == "فيمدو هو …"
    assert status_of(page, "body", "ar") == Status.CURRENT
    assert AuditEntry.objects.get(action="translation.reviewed").data == {
        "fields": ["body_ar"],
        "language": "ar",
    }


def test_an_outdated_translation_confirmed_as_still_right(client, translator, page):
    post(client, page, "tr", title="Hakkımızda")
    Page.objects.filter(pk=page.pk).update(title_de="Über uns!")
    page.refresh_from_db()
    translation_source_saved(page, fields=["title"])
    assert status_of(page, "title", "tr") == Status.OUTDATED
    html = client.get(editor_url(page, "tr")).content.decode()
    assert 'form="review-title"' in html
    assert "Weiterhin richtig" in html
    response = post(client, page, "tr", review="title")
    assert response.status_code == 302
    assert messages_of(response) == [
        "Die Übersetzung ist als weiterhin richtig für den geänderten deutschen Text markiert."
    ]
    page.refresh_from_db()
    assert page.title_tr == "Hakkımızda"
    assert status_of(page, "title", "tr") == Status.CURRENT
    # Up to date for the German text as it is now: a further change outdates it again.
    Page.objects.filter(pk=page.pk).update(title_de="Über den VMDO")
    page.refresh_from_db()
    translation_source_saved(page, fields=["title"])
    assert status_of(page, "title", "tr") == Status.OUTDATED


def test_german_and_other_fields_posted_are_ignored(client, translator, page):
    response = post(
        client, page, "tr", title="Hakkımızda", title_de="Gehackt", key="imprint", body_tr="X"
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title_tr, page.title_de, page.key, page.body_tr) == (
        "Hakkımızda",
        "Über uns",
        Page.Key.ABOUT,
        None,
    )


def test_the_german_text_changed_since_the_form_was_opened(client, translator, page):
    opened = {"source": desk_fingerprint(page, "de"), "target": desk_fingerprint(page, "tr")}
    Page.objects.filter(pk=page.pk).update(title_de="Wer wir sind")
    response = client.post(editor_url(page, "tr"), {**opened, "title": "Hakkımızda"})
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [
        "Der deutsche Text wurde geändert, während Sie übersetzt haben. Es wurde nichts "
        "gespeichert. Bitte laden Sie die Seite neu, lesen Sie den neuen deutschen Text und "
        "übersetzen Sie erneut."
    ]
    page.refresh_from_db()
    assert page.title_tr is None
    assert status_of(page, "title", "tr") == Status.MISSING
    assert not AuditEntry.objects.filter(action="translation.saved").exists()


def test_the_translation_changed_since_the_form_was_opened(client, translator, page):
    opened = {"source": desk_fingerprint(page, "de"), "target": desk_fingerprint(page, "tr")}
    post(client, page, "tr", title="Hakkımızda")
    response = client.post(editor_url(page, "tr"), {**opened, "title": "Başka"})
    assert response.status_code == 409
    page.refresh_from_db()
    assert page.title_tr == "Hakkımızda"


# --- bad input ----------------------------------------------------------------------


def test_empty_input_changes_nothing(client, translator, page):
    response = post(client, page, "tr", title="", summary="   ")
    assert response.status_code == 302
    assert messages_of(response) == ["Es wurde nichts geändert."]
    assert status_of(page, "title", "tr") == Status.MISSING


def test_without_fingerprints_nothing_is_saved(client, translator, page):
    response = client.post(editor_url(page, "tr"), {"title": "Hakkımızda"})
    assert response.status_code == 400
    page.refresh_from_db()
    assert page.title_tr is None


def test_hostile_input_stays_text(client, translator, page):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert post(client, page, "tr", title=hostile, body=hostile).status_code == 302
    page.refresh_from_db()
    assert page.title_tr == hostile
    html = client.get(editor_url(page, "tr")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    public = client.get("/tr/ueber-uns/").content.decode()
    assert "<script>alert" not in public
    assert "<img src=x" not in public


@pytest.mark.parametrize(("field", "limit"), [("title", 200), ("summary", 300), ("body", 20_000)])
def test_huge_input_is_refused_with_the_limit(client, translator, page, field, limit):
    response = post(client, page, "tr", **{field: "a" * (limit + 1)})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [
        f"Bitte kürzen Sie diesen Text auf höchstens {limit} Zeichen (er hat {limit + 1})."
    ]
    page.refresh_from_db()
    assert getattr(page, f"{field}_tr") is None


def test_line_breaks_in_a_title_are_refused(client, translator, page):
    response = post(client, page, "tr", title="Hakkımızda\nikinci satır")
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["title"]


def test_reviewing_a_text_that_is_no_machine_draft(client, translator, page):
    response = post(client, page, "tr", review="title")
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [
        "Nur eine maschinelle oder eine veraltete Übersetzung kann bestätigt werden."
    ]
    response = post(client, page, "tr", review="key")
    assert response.status_code == 400


def test_a_paused_translator_is_a_stranger(client, translator, page):
    Translator.objects.filter(user=translator).update(active=False)
    assert client.get("/de/uebersetzen/").status_code == 404
    assert post(client, page, "tr", title="Hakkımızda").status_code == 404


# --- associations and their events --------------------------------------------------


def test_a_translator_publishes_a_profile_translation_at_once(client, translator):
    association = AssociationFactory(name="Brückenbauer e.V.")
    response = post(client, association, "ar", description="جمعية في شمال المدينة.")
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.description_ar == "جمعية في شمال المدينة."
    assert status_of(association, "description", "ar") == Status.CURRENT
    assert not ProfileRevision.objects.exists()


def test_an_untrusted_associations_translation_waits_for_review(client):
    association = AssociationFactory(name="Brückenbauer e.V.")
    client.force_login(member_of(association, Membership.Role.EDITOR))
    html = client.get(editor_url(association, "tr")).content.decode()
    assert "Ihre Übersetzungen gehen wie jede Änderung Ihres Profils zur Prüfung" in html
    response = post(client, association, "tr", description="Kuzey kentte bir dernek.")
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.description_tr is None
    revision = ProfileRevision.objects.get()
    assert revision.changes == {"description_tr": "Kuzey kentte bir dernek."}


def test_a_translation_keeps_what_a_pending_revision_changed_and_its_logo(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from members.services import association_profile_update
    from tests.factories import image_bytes
    from vmdo_portal.images import clean_image

    association = AssociationFactory(name="Brückenbauer e.V.")
    editor = member_of(association, Membership.Role.EDITOR)
    logo = clean_image(
        SimpleUploadedFile("logo.png", image_bytes(), content_type="image/png"),
        max_bytes=2_000_000,
    )
    association_profile_update(
        association=association,
        by=editor,
        data={"phone": "0231 98765"},
        expected_version=association.version,
        logo=logo,
    )
    first = ProfileRevision.objects.get(status="pending")
    client.force_login(editor)
    post(client, association, "tr", description="Kuzey kentte bir dernek.")
    first.refresh_from_db()
    assert first.status == "superseded"
    revision = ProfileRevision.objects.get(status="pending")
    assert revision.changes == {"phone": "0231 98765", "description_tr": "Kuzey kentte bir dernek."}
    assert (revision.logo.name, revision.logo_thumbnail.name) == (
        first.logo.name,
        first.logo_thumbnail.name,
    )
    with revision.logo.open("rb") as logo_file:
        assert logo_file.read(8) == b"\x89PNG\r\n\x1a\n"


def test_a_trusted_associations_translation_is_public_at_once(client):
    association = AssociationFactory(name="Brückenbauer e.V.", trusted=True)
    client.force_login(member_of(association, Membership.Role.ADMIN))
    post(client, association, "tr", description="Kuzey kentte bir dernek.")
    association.refresh_from_db()
    assert association.description_tr == "Kuzey kentte bir dernek."
    assert AuditEntry.objects.filter(action="association.edited").get().data == {
        "fields": ["description_tr"]
    }


def test_an_associations_published_event_goes_back_for_review(client):
    association = AssociationFactory(name="Brückenbauer e.V.")
    editor = member_of(association, Membership.Role.EDITOR)
    event = make_event(by=UserFactory(is_staff=True), associations=[association])
    client.force_login(editor)
    response = post(client, event, "tr", title="Dil kafesi")
    assert messages_of(response) == [
        "Die Übersetzung wurde gespeichert. Die Veranstaltung wartet wieder auf die "
        "VMDO-Geschäftsstelle."
    ]
    event.refresh_from_db()
    assert (event.title_tr, event.status) == ("Dil kafesi", Event.Status.SUBMITTED)


def test_a_cancelled_event_is_not_changed_by_its_association(client):
    association = AssociationFactory(name="Brückenbauer e.V.", trusted=True)
    editor = member_of(association, Membership.Role.EDITOR)
    event = make_event(by=UserFactory(is_staff=True), associations=[association])
    event_cancel(event=event, by=None)
    client.force_login(editor)
    response = post(client, event, "tr", title="Dil kafesi")
    assert response.status_code == 409
    event.refresh_from_db()
    assert event.title_tr is None


def test_the_dashboard_links_to_the_editor(client):
    association = AssociationFactory(name="Brückenbauer e.V.")
    editor = member_of(association, Membership.Role.EDITOR)
    event = make_event(by=editor, publish=False, associations=[association])
    client.force_login(editor)
    overview = client.get(f"/de/mein-verein/{association.slug}/").content.decode()
    assert f'href="{editor_url(association, "en")}">Profil übersetzen</a>' in overview
    events = client.get(f"/de/mein-verein/{association.slug}/veranstaltungen/").content.decode()
    assert f'href="{editor_url(event, "en")}">Übersetzen' in events


# --- the queue, the header, the assignments -------------------------------------------


@pytest.mark.parametrize("rows", [1, 20])
def test_queue_query_count(client, translator, django_assert_num_queries, rows):
    for number in range(rows):
        AssociationFactory(name=f"Verein {number:02d}")
    client.get("/de/uebersetzen/tr/")  # the content types are cached per process
    with django_assert_num_queries(9):
        response = client.get("/de/uebersetzen/tr/")
    items = response.context["page"].object_list
    assert {item.obj.name for item in items} == {f"Verein {number:02d}" for number in range(rows)}


def test_queue_lists_missing_before_machine_drafts_and_no_unpublished(client, translator):
    drafted = AssociationFactory(name="Entwurf e.V.")
    Association.objects.filter(pk=drafted.pk).update(description_tr="Makine çevirisi")
    drafted.refresh_from_db()
    translation_saved(drafted, "description", "tr", machine=True)
    missing = AssociationFactory(name="Fehlt e.V.")
    AssociationFactory(name="Versteckt e.V.", published=False)
    items = client.get("/de/uebersetzen/tr/").context["page"].object_list
    names = [str(item.obj) for item in items if isinstance(item.obj, Association)]
    assert names == [missing.name, drafted.name]
    assert [item.worst for item in items if item.obj == drafted] == [Status.MACHINE]


def test_the_header_links_translators_to_the_desk(client):
    link = '<a href="/de/uebersetzen/">Übersetzen</a>'
    client.force_login(UserFactory())
    assert link not in client.get("/de/").content.decode()
    client.force_login(make_translator(["tr"]))
    assert link in client.get("/de/").content.decode()


def test_staff_assign_and_change_a_translator_in_the_back_office(staff_client):
    person = UserFactory(email="freiwillig@example.org")
    response = staff_client.post(
        "/verwaltung/translations/translator/add/",
        {"user": person.pk, "languages": ["ar", "fa"], "active": "on", "note": ""},
    )
    assert response.status_code == 302
    translator = Translator.objects.get(user=person)
    assert translator.languages == ["ar", "fa"]
    response = staff_client.post(
        f"/verwaltung/translations/translator/{translator.pk}/change/",
        {"user": person.pk, "languages": ["ar"], "active": "on", "note": "Ehrenamt"},
    )
    assert response.status_code == 302
    entries = AuditEntry.objects.filter(object_id=translator.pk).order_by("pk")
    assert [(e.action, e.data) for e in entries] == [
        ("translator.assigned", {"languages": ["ar", "fa"]}),
        ("translator.changed", {"fields": ["languages", "note"]}),
    ]


def test_german_cannot_be_assigned(staff_client):
    person = UserFactory()
    response = staff_client.post(
        "/verwaltung/translations/translator/add/",
        {"user": person.pk, "languages": ["de"], "active": "on"},
    )
    assert response.status_code == 200
    assert not Translator.objects.exists()
