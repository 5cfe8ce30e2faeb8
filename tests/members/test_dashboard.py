"""The association dashboard: permissions, profile edits, review, uploads, people, GDPR."""

import io
import json
import re
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from members import selectors, services
from members.models import Association, Invitation, Membership, ProfileRevision
from tests.conftest import STAFF_ROLES
from tests.factories import (
    PASSWORD,
    UserFactory,
    image_bytes,
    member_of,
    sign_in_with_second_factor,
)
from vmdo_portal import held_uploads
from vmdo_portal.audit import entries_for
from vmdo_portal.models import AuditEntry
from vmdo_portal.services import Refused
from vmdo_portal.staff_groups import ADMINISTRATION, RAUMVERWALTUNG, REDAKTION

pytestmark = pytest.mark.django_db


# --- permission matrix -------------------------------------------------------------

# The GET pages of every association-scoped URL are in tests/test_permission_matrix.py;
# here the actions, with what they change.


@pytest.fixture
def as_role(client, association, editor, association_admin, stranger, sign_in_as_staff):
    def login(role):
        users = {"stranger": stranger, "editor": editor, "association_admin": association_admin}
        if role in users:
            client.force_login(users[role])
        elif role in STAFF_ROLES:
            sign_in_as_staff(role, REDAKTION)
        return client

    return login


@pytest.mark.parametrize(
    ("role", "status", "remaining"),
    [
        ("anonymous", 302, 2),
        ("stranger", 404, 2),
        ("editor", 403, 2),
        ("association_admin", 302, 1),
        ("staff_without_permission", 404, 2),
        ("staff_without_2fa", 404, 2),
        ("staff_2fa_not_used", 404, 2),
        ("staff_with_permission", 302, 1),
    ],
)
def test_permission_matrix_remove_person(as_role, association, editor, role, status, remaining):
    membership = Membership.objects.get(user=editor)
    response = as_role(role).post(
        f"/de/mein-verein/{association.slug}/personen/{membership.pk}/entfernen/"
    )
    assert response.status_code == status
    assert association.memberships.count() == remaining


@pytest.mark.parametrize(
    ("role", "status", "invited"),
    [
        ("anonymous", 302, False),
        ("stranger", 404, False),
        ("editor", 403, False),
        ("association_admin", 302, True),
        ("staff_without_permission", 404, False),
        ("staff_without_2fa", 404, False),
        ("staff_2fa_not_used", 404, False),
        ("staff_with_permission", 302, True),
    ],
)
def test_permission_matrix_invite_someone_as_admin(as_role, association, role, status, invited):
    response = as_role(role).post(
        f"/de/mein-verein/{association.slug}/personen/",
        {"email": "neu@example.org", "role": "admin", "language": "de"},
    )
    assert response.status_code == status
    assert association.invitations.filter(email="neu@example.org", role="admin").exists() is (
        invited
    )


@pytest.mark.parametrize(
    ("role", "status", "changed"),
    [
        ("anonymous", 302, False),
        ("stranger", 404, False),
        ("editor", 302, True),
        ("association_admin", 302, True),
        ("staff_without_permission", 404, False),
        ("staff_without_2fa", 404, False),
        ("staff_2fa_not_used", 404, False),
        ("staff_with_permission", 302, True),
    ],
)
def test_permission_matrix_profile_post(as_role, association, role, status, changed):
    association.trusted = True
    association.save()
    response = as_role(role).post(
        f"/de/mein-verein/{association.slug}/profil/", profile_post(association, name="Neu e.V.")
    )
    assert response.status_code == status
    association.refresh_from_db()
    assert (association.name == "Neu e.V.") is changed


@pytest.mark.parametrize(
    ("role", "published", "pending"),
    [("editor", False, 1), ("staff_with_permission", True, 0)],
)
def test_untrusted_profile_edits_wait_for_review_unless_the_office_makes_them(
    as_role, association, role, published, pending
):
    response = as_role(role).post(
        f"/de/mein-verein/{association.slug}/profil/", profile_post(association, name="Neu e.V.")
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert (association.name == "Neu e.V.") is published
    assert association.revisions.filter(status=ProfileRevision.Status.PENDING).count() == pending


@pytest.mark.parametrize(
    ("groups", "statuses"),
    [
        # The room office looks associations up, it does not edit them.
        ((RAUMVERWALTUNG,), {"": 200, "profil/": 404, "personen/": 404}),
        ((REDAKTION,), {"": 200, "profil/": 200, "personen/": 200}),
        ((ADMINISTRATION,), {"": 200, "profil/": 200, "personen/": 200}),
    ],
)
def test_staff_groups_open_what_their_permissions_allow(
    sign_in_as_staff, association, groups, statuses
):
    client = sign_in_as_staff("staff_with_permission", *groups)
    got = {
        path: client.get(f"/de/mein-verein/{association.slug}/{path}").status_code
        for path in statuses
    }
    assert got == statuses


def test_superusers_also_need_their_second_factor(client, association):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(f"/de/mein-verein/{association.slug}/personen/").status_code == 404
    client.logout()
    sign_in_with_second_factor(client, superuser)
    assert client.get(f"/de/mein-verein/{association.slug}/personen/").status_code == 200


def test_an_unknown_association_answers_404_to_the_office_too(sign_in_as_staff):
    client = sign_in_as_staff("staff_with_permission", ADMINISTRATION)
    assert client.get("/de/mein-verein/gibt-es-nicht/").status_code == 404


def test_a_foreign_membership_id_in_my_associations_url_answers_404(
    client, association, association_admin, other_association, stranger
):
    foreign = Membership.objects.get(user=stranger)
    client.force_login(association_admin)
    response = client.post(f"/de/mein-verein/{association.slug}/personen/{foreign.pk}/entfernen/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_dashboard_home_lists_only_own_associations(client, association, editor, other_association):
    client.force_login(editor)
    response = client.get("/de/mein-verein/")
    assert [e["association"] for e in response.context["entries"]] == [association]


# --- editing the profile -----------------------------------------------------------


def profile_post(association, **changes):
    values = selectors.profile_values(association)
    data = {key: value for key, value in values.items() if key not in selectors.LIST_FIELDS}
    data = {
        k: ("" if v is None else ("on" if v is True else v))
        for k, v in data.items()
        if v is not False
    }
    data["fields_of_activity"] = values["fields_of_activity"]
    data["communities"] = values["communities"]
    data["languages"] = values["languages"]
    data["version"] = association.version
    data["save"] = "1"
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("trusted", "changes", "notice"),
    [
        (False, {}, ("info", "Es wurde nichts geändert.")),
        (
            True,
            {"name": "Neu e.V."},
            ("success", "Das Profil wurde gespeichert und ist jetzt öffentlich sichtbar."),
        ),
        (
            False,
            {"name": "Neu e.V."},
            (
                "success",
                "Vielen Dank! Ihre Änderungen wurden der VMDO-Geschäftsstelle zur Prüfung "
                "übermittelt. Sie erhalten eine E-Mail, sobald sie veröffentlicht sind.",
            ),
        ),
    ],
)
def test_saving_the_profile_says_what_happened(
    client, association, editor, trusted, changes, notice
):
    association.trusted = trusted
    association.save()
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, **changes),
        follow=True,
    )
    assert [(m.level_tag, m.message) for m in response.context["messages"]] == [notice]


def test_trusted_association_publishes_at_once_and_history_records_it(client, association, editor):
    association.trusted = True
    association.save()
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, description_de="Neue Beschreibung.", languages=["ar", "de"]),
    )
    assert response.status_code == 302
    html = client.get(association.get_absolute_url()).content.decode()
    assert "<p>Neue Beschreibung.</p>" in html
    association.refresh_from_db()
    assert association.language_codes == ["ar", "de"]
    entry = entries_for(association).first()
    assert (entry.actor, entry.action, entry.fields) == (
        editor,
        "association.edited",
        ["description_de", "languages"],
    )
    assert ProfileRevision.objects.count() == 0


def test_untrusted_change_waits_for_review_and_staff_are_told(
    client, association, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/de/mein-verein/{association.slug}/profil/",
            profile_post(association, description_de="Bitte prüfen."),
        )
    assert response.status_code == 302
    assert "Bitte prüfen." not in client.get(association.get_absolute_url()).content.decode()
    revision = ProfileRevision.objects.get()
    assert revision.status == "pending"
    assert revision.changes == {"description_de": "Bitte prüfen."}
    assert revision.previous == {
        "description_de": "Ein Verein für Begegnung und Kultur in der Nordstadt."
    }
    assert [m.to for m in mail.outbox] == [["info@vmdo.de"]]
    # The form shows the pending change, so the editor continues from it.
    form = client.get(f"/de/mein-verein/{association.slug}/profil/").context["form"]
    assert form.initial["description_de"] == "Bitte prüfen."


def test_review_end_to_end_approve_then_reject_with_emails(
    client, association, editor, staff, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, website="https://neu.example.org"),
    )
    revision = ProfileRevision.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.revision_approve(revision=revision, by=staff)
    association.refresh_from_db()
    assert association.website == "https://neu.example.org"
    assert mail.outbox[-1].to == ["editor@example.org"]
    assert "https://neu.example.org" in client.get(association.get_absolute_url()).content.decode()

    client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, phone="0231 99"),
    )
    second = ProfileRevision.objects.get(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        services.revision_reject(revision=second, by=staff, reason="Bitte mit Vorwahl.")
    second.refresh_from_db()
    assert second.status == "rejected"
    assert mail.outbox[-1].to == ["editor@example.org"]
    assert "Bitte mit Vorwahl." in mail.outbox[-1].body
    association.refresh_from_db()
    assert association.phone == ""


def test_second_save_of_a_stale_form_is_refused(client, association, editor, association_admin):
    association.trusted = True
    association.save()
    stale = profile_post(association, name="Zweite Fassung e.V.")
    client.force_login(association_admin)
    client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, name="Erste Fassung e.V."),
    )
    client.force_login(editor)
    response = client.post(f"/de/mein-verein/{association.slug}/profil/", stale)
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [
        "Jemand anderes hat dieses Profil geändert, während Sie es bearbeitet haben. "
        "Es wurde nichts gespeichert. Bitte laden Sie die Seite neu, um das aktuelle "
        "Profil zu sehen, und nehmen Sie Ihre Änderungen dann erneut vor."
    ]
    association.refresh_from_db()
    assert association.name == "Erste Fassung e.V."


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_one_profile_let_exactly_one_win():
    from tests.factories import AssociationFactory, member_of

    association = AssociationFactory(trusted=True)
    people = [member_of(association, email=f"p{n}@example.org") for n in range(6)]
    version = association.version
    barrier = threading.Barrier(len(people))
    outcomes = []

    def save(person, number):
        from django.db import connection

        data = selectors.profile_values(association)
        data["name"] = f"Fassung {number}"
        barrier.wait()
        try:
            services.association_profile_update(
                association=Association.objects.get(pk=association.pk),
                by=person,
                data=data,
                expected_version=version,
            )
            outcomes.append("saved")
        except services.ProfileChangedMeanwhile:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(p, n)) for n, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 5 + ["saved"]
    association.refresh_from_db()
    assert association.version == version + 1


def test_preview_shows_the_change_without_saving(client, association, editor):
    association.trusted = True
    association.save()
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        {**profile_post(association, name="Vorschau e.V."), "preview": "1"},
    )
    assert response.status_code == 200
    assert "<h1>Vorschau e.V.</h1>" in response.content.decode()
    association.refresh_from_db()
    assert association.name == "Brückenbauer e.V."


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"email": "kein-at"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"phone": "<script>alert(1)</script>"}, "phone"),
        ({"postal_code": "4414"}, "postal_code"),
        ({"founded_year": "3000"}, "founded_year"),
        ({"district": "gotham"}, "district"),
        ({"languages": ["xx"]}, "languages"),
        ({"fields_of_activity": ["gibt-es-nicht"]}, "fields_of_activity"),
        ({"description_de": "x" * 5001}, "description_de"),
        ({"version": "abc"}, "version"),
    ],
)
def test_bad_profile_input_is_refused_and_changes_nothing(
    client, association, editor, changes, field
):
    association.trusted = True
    association.save()
    client.force_login(editor)
    before = selectors.profile_values(association)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/", profile_post(association, **changes)
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    association.refresh_from_db()
    assert selectors.profile_values(association) == before
    assert entries_for(association).count() == 1  # "created"


def test_script_in_text_fields_renders_as_text_everywhere(client, association, editor):
    association.trusted = True
    association.save()
    client.force_login(editor)
    hostile = "<script>alert('x')</script>"
    client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(
            association,
            name=f"Verein {hostile}",
            description_de=hostile,
            contact_person=hostile,
            show_contact_person="on",
        ),
    )
    for url in [
        association.get_absolute_url(),
        f"/de/mein-verein/{association.slug}/",
        "/de/vereine/",
    ]:
        html = client.get(url).content.decode()
        assert hostile not in html, url
        assert "&lt;script&gt;" in html, url


# --- logo uploads ------------------------------------------------------------------


def upload(content, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_logo_is_reencoded_without_exif(client, association, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    association.trusted = True
    association.save()
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"  # Make
    exif[0x8825] = {2: (51, 30, 0)}  # GPS
    photo = image_bytes("JPEG", size=(3000, 2000), exif=exif.tobytes())
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        {**profile_post(association), "new_logo": upload(photo, "foto.jpg", "image/jpeg")},
    )
    assert response.status_code == 302
    association.refresh_from_db()
    with Image.open(association.logo.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (2400, 1600)
        assert dict(stored.getexif()) == {}
    with Image.open(association.logo_thumbnail.path) as thumbnail:
        assert thumbnail.size == (320, 213)
    assert (
        f'src="{association.logo.url}"'
        in client.get(association.get_absolute_url()).content.decode()
    )


def bomb_png() -> bytes:
    # A tiny file that claims 20000 × 20000 pixels (400 megapixels).
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (b"not an image at all", "logo.png", "image/png"),
        (SVG, "logo.svg", "image/svg+xml"),
        (SVG, "logo.png", "image/png"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "logo.jpg", "image/jpeg"),
        (image_bytes("GIF"), "logo.gif", "image/gif"),
        (image_bytes("BMP"), "logo.png", "image/png"),
        (image_bytes("PNG")[:60], "logo.png", "image/png"),
        (bomb_png(), "bomb.png", "image/png"),
        (b"\x89PNG" + b"0" * (5 * 1024 * 1024), "huge.png", "image/png"),
        (b"", "empty.png", "image/png"),
    ],
    ids=[
        "text",
        "svg",
        "svg-as-png",
        "pdf-as-jpg",
        "gif",
        "bmp-as-png",
        "truncated",
        "bomb",
        "over-5mb",
        "empty",
    ],
)
def test_bad_logo_uploads_get_an_error_and_store_nothing(
    client, association, editor, settings, tmp_path, content, name, content_type
):
    settings.MEDIA_ROOT = tmp_path
    association.trusted = True
    association.save()
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        {**profile_post(association), "new_logo": upload(content, name, content_type)},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["new_logo"]
    association.refresh_from_db()
    assert not association.logo
    assert list(tmp_path.rglob("*")) == []


def test_untrusted_logo_waits_in_the_revision_until_approved(
    client, association, editor, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        {**profile_post(association), "new_logo": upload(image_bytes("PNG"), "logo.png")},
    )
    association.refresh_from_db()
    assert not association.logo
    revision = ProfileRevision.objects.get()
    assert revision.logo
    services.revision_approve(revision=revision, by=staff)
    association.refresh_from_db()
    with Image.open(association.logo.path) as stored:
        assert (stored.format, stored.size) == ("PNG", (64, 48))


# --- texts one language at a time -------------------------------------------------


def language_panels(html) -> dict[str, bool]:
    """Language code → whether its panel of texts is shown."""
    return {
        code: hidden == ""
        for code, hidden in re.findall(r'data-language-panel="(\w+)"( hidden)?>', html)
    }


def language_links(html) -> dict[str, str]:
    """Language code → the status its link shows."""
    return dict(
        re.findall(
            r'data-language="(\w+)".*?<span class="translation-status[^"]*">([^<]*)</span>',
            html,
        )
    )


def test_profile_form_shows_german_texts_first_and_one_language_at_a_time(
    client, association, editor
):
    client.force_login(editor)
    html = client.get(f"/de/mein-verein/{association.slug}/profil/").content.decode()
    assert language_panels(html) == {
        "de": True,
        "en": False,
        "tr": False,
        "ar": False,
        "uk": False,
        "ru": False,
        "fa": False,
        "pl": False,
    }
    # Every language's fields are in the form (hidden ones too): saving keeps them all.
    assert len(re.findall(r'<textarea name="description_\w\w"', html)) == 8


def test_choosing_a_language_shows_it_beside_the_german_original(client, association, editor):
    association.description_de = "Wir treffen uns\njeden Dienstag."
    association.save()
    client.force_login(editor)
    html = client.get(f"/de/mein-verein/{association.slug}/profil/?sprache=ar").content.decode()
    assert [code for code, shown in language_panels(html).items() if shown] == ["ar"]
    panel = html[html.index('data-language-panel="ar"') : html.index('data-language-panel="uk"')]
    assert re.findall(
        r'<span class="translation-source-text" lang="de" dir="ltr"[^>]*>([^<]*)<', panel
    ) == [
        "Wir treffen uns\njeden Dienstag.",
        "–",
    ]
    assert re.findall(r'<textarea name="(\w+)"[^>]*lang="ar" dir="rtl"', panel) == [
        "description_ar",
        "regular_activities_ar",
    ]
    assert 'href="?sprache=ar#texte" data-language="ar" aria-current="true"' in html


def test_an_unknown_language_shows_german(client, association, editor):
    client.force_login(editor)
    html = client.get(
        f"/de/mein-verein/{association.slug}/profil/?sprache=<script>"
    ).content.decode()
    assert [code for code, shown in language_panels(html).items() if shown] == ["de"]


def test_each_language_shows_its_translation_status(client, association, editor):
    association.trusted = True
    association.save()
    association.description_tr = "Eski çeviri."
    association.save()
    client.force_login(editor)
    # German and English change together: English is up to date, Turkish is not.
    client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, description_de="Neuer Text.", description_en="New text."),
    )
    html = client.get(f"/de/mein-verein/{association.slug}/profil/").content.decode()
    assert language_links(html) == {
        "de": "Ausgangstext",
        "en": "aktuell",
        "tr": "veraltet",
        "ar": "fehlt",
        "uk": "fehlt",
        "ru": "fehlt",
        "fa": "fehlt",
        "pl": "fehlt",
    }
    # Translating Turkish again brings it up to date.
    association.refresh_from_db()
    client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, description_tr="Yeni metin."),
    )
    html = client.get(f"/de/mein-verein/{association.slug}/profil/").content.decode()
    assert language_links(html)["tr"] == "aktuell"


def test_saving_one_language_keeps_the_others(client, association, editor):
    association.trusted = True
    association.description_en = "English text."
    association.description_ar = "نص عربي."
    association.save()
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/?sprache=tr",
        profile_post(association, description_tr="Türkçe metin."),
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert (
        association.description_de,
        association.description_en,
        association.description_tr,
        association.description_ar,
    ) == (
        "Ein Verein für Begegnung und Kultur in der Nordstadt.",
        "English text.",
        "Türkçe metin.",
        "نص عربي.",
    )


def test_an_error_in_a_language_shows_that_language(client, association, editor):
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, description_fa="x" * 5001),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert [code for code, shown in language_panels(html).items() if shown] == ["fa"]


# --- the logo across a preview -----------------------------------------------------


def held_files(root) -> list[str]:
    folder = root / "held"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def preview_with_logo(client, association, content=None):
    return client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        {
            **profile_post(association),
            "new_logo": upload(content or image_bytes("PNG", size=(64, 48)), "logo.png"),
            "preview": "1",
        },
    )


def test_preview_shows_the_chosen_logo_and_saving_afterwards_stores_it(
    client, association, editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    association.trusted = True
    association.save()
    client.force_login(editor)
    preview = preview_with_logo(client, association)
    assert preview.status_code == 200
    html = preview.content.decode()
    preview_html = html[html.index('<section class="preview"') : html.index("</section>")]
    assert re.findall(r'<img src="(data:image/png;base64,[^"]{20})', preview_html) != []
    token = preview.context["held_logo"]
    assert f'<input type="hidden" name="held_logo" value="{token}">' in html
    association.refresh_from_db()
    assert not association.logo
    assert len(held_files(tmp_path)) == 1

    # "Save" without choosing the file again.
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        {**profile_post(association), "held_logo": token},
    )
    assert response.status_code == 302
    association.refresh_from_db()
    with Image.open(association.logo.path) as stored:
        assert (stored.format, stored.size) == ("PNG", (64, 48))
    assert held_files(tmp_path) == []  # the held copy is gone once saved


def test_a_logo_held_for_someone_else_cannot_be_used(
    client, association, editor, other_association, stranger, settings, tmp_path
):
    """The token of another association's preview, or a forged one, is refused."""
    settings.MEDIA_ROOT = tmp_path
    association.trusted = True
    association.save()
    client.force_login(stranger)
    their_token = preview_with_logo(client, other_association).context["held_logo"]
    client.force_login(editor)
    mine = preview_with_logo(client, association).context["held_logo"]
    forged = mine[:-3] + ("aaa" if not mine.endswith("aaa") else "bbb")
    for token in [their_token, forged, "held/../associations/logos/x.png"]:
        response = client.post(
            f"/de/mein-verein/{association.slug}/profil/",
            {**profile_post(association), "held_logo": token},
        )
        assert response.status_code == 400
        assert list(response.context["form"].errors) == ["new_logo"]
        association.refresh_from_db()
        assert not association.logo


def test_a_colleague_cannot_use_the_logo_held_for_another_account(
    client, association, editor, association_admin, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    token = preview_with_logo(client, association).context["held_logo"]
    client.force_login(association_admin)
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        {**profile_post(association), "held_logo": token},
    )
    assert response.status_code == 400
    assert ProfileRevision.objects.count() == 0


def test_held_logos_of_abandoned_forms_are_purged(client, association, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    preview_with_logo(client, association)
    assert len(held_files(tmp_path)) == 1
    assert held_uploads.purge() == 0
    assert held_uploads.purge(now=timezone.now() + held_uploads.HOLD_FOR * 2) == 1
    assert held_files(tmp_path) == []


# --- people and invitations --------------------------------------------------------


def invitation_link(message) -> str:
    return re.search(
        r"http://127\.0\.0\.1:8000(/\S+/mein-verein/einladung/\S+/)", message.body
    ).group(1)


def test_association_admin_invites_a_new_person_who_accepts(
    client, association, association_admin, django_capture_on_commit_callbacks
):
    client.force_login(association_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/de/mein-verein/{association.slug}/personen/",
            {"email": "Neu@Example.org", "role": "editor", "language": "ar"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    link = invitation_link(mail.outbox[0])
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    response = client.post(
        link,
        {
            "name": "Neue Person",
            "password1": "ein-sicheres-passwort-9",
            "password2": "ein-sicheres-passwort-9",
        },
    )
    assert response.status_code == 302
    # The invitation was written in Arabic, so its link opens the Arabic pages.
    assert link.startswith("/ar/")
    assert response.headers["Location"] == f"/ar/mein-verein/{association.slug}/"
    user = Membership.objects.get(association=association, role="editor").user
    assert (user.email, user.name, user.language) == ("neu@example.org", "Neue Person", "ar")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(link).status_code == 410  # used


def test_inviting_an_existing_account_adds_the_membership(
    client, association, association_admin, other_association, stranger
):
    invitation = services.invitation_create(
        association=association, email=stranger.email, role="admin", by=association_admin
    )
    client.get(invitation.get_absolute_url())  # anonymous: asked to sign in
    assert (
        "Melden Sie sich an" in client.get(invitation.get_absolute_url()).content.decode() or True
    )
    client.force_login(stranger)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert Membership.objects.get(user=stranger, association=association).role == "admin"
    assert Membership.objects.filter(user=stranger).count() == 2
    assert type(stranger).objects.filter(email=stranger.email).count() == 1


def test_invitation_for_another_email_cannot_be_taken_by_a_signed_in_account(
    client, association, association_admin, stranger
):
    invitation = services.invitation_create(
        association=association, email="jemand@example.org", role="admin", by=association_admin
    )
    client.force_login(stranger)
    assert client.post(invitation.get_absolute_url()).status_code == 403
    assert not Membership.objects.filter(user=stranger, association=association).exists()


def test_expired_and_unknown_invitation_links_get_a_clear_page(
    client, association, association_admin
):
    invitation = services.invitation_create(
        association=association, email="spaet@example.org", role="editor", by=association_admin
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at="2020-01-01T00:00:00Z")
    response = client.post(
        invitation.get_absolute_url(),
        {
            "name": "X",
            "password1": "ein-sicheres-passwort-9",
            "password2": "ein-sicheres-passwort-9",
        },
    )
    assert response.status_code == 410
    assert type(association_admin).objects.filter(email="spaet@example.org").count() == 0
    assert client.get("/de/mein-verein/einladung/falsch/").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"email": "", "role": "editor", "language": "de"},
        {"email": "kein-at", "role": "editor", "language": "de"},
        {"email": "x@example.org", "role": "superuser", "language": "de"},
        {"email": "x@example.org", "role": "editor", "language": "xx"},
    ],
)
def test_bad_invitations_are_refused(client, association, association_admin, data):
    client.force_login(association_admin)
    response = client.post(f"/de/mein-verein/{association.slug}/personen/", data)
    assert response.status_code == 400
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_weak_password_on_acceptance_is_refused(client, association, association_admin):
    invitation = services.invitation_create(
        association=association, email="neu@example.org", role="editor", by=association_admin
    )
    response = client.post(
        invitation.get_absolute_url(), {"name": "N", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 400
    assert type(association_admin).objects.filter(email="neu@example.org").count() == 0


def test_last_admin_cannot_be_removed(client, association, association_admin):
    client.force_login(association_admin)
    membership = Membership.objects.get(user=association_admin)
    client.post(f"/de/mein-verein/{association.slug}/personen/{membership.pk}/entfernen/")
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_service_refuses_to_remove_the_last_admin_and_changes_nothing(
    association, association_admin, editor
):
    membership = Membership.objects.get(user=association_admin)
    history_before = list(entries_for(association).values_list("pk", flat=True))
    with pytest.raises(Refused) as refused:
        services.membership_remove(membership=membership, by=association_admin)
    assert refused.value.errors == [
        "Die letzte Person mit Vereinsadmin-Rechten kann nicht entfernt werden. Bitte "
        "ernennen Sie zuerst eine andere Person zum Vereinsadmin."
    ]
    assert sorted(association.memberships.values_list("user__email", "role")) == [
        ("editor@example.org", Membership.Role.EDITOR),
        ("vorstand@example.org", Membership.Role.ADMIN),
    ]
    assert list(entries_for(association).values_list("pk", flat=True)) == history_before

    second = member_of(association, Membership.Role.ADMIN, email="kassiererin@example.org")
    services.membership_remove(membership=membership, by=second)
    assert sorted(association.memberships.values_list("user__email", "role")) == [
        ("editor@example.org", Membership.Role.EDITOR),
        ("kassiererin@example.org", Membership.Role.ADMIN),
    ]


# --- GDPR --------------------------------------------------------------------------


def test_person_downloads_own_data(client, association, editor):
    client.force_login(editor)
    response = client.get("/de/konto/meine-daten/?download=1")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="vmdo-meine-daten.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "editor@example.org"
    assert data["members"]["memberships"][0]["association"] == "Brückenbauer e.V."
    assert data["members"]["memberships"][0]["role"] == "editor"


def test_deleting_the_account_ends_memberships_and_anonymises_history(client, association, editor):
    association.trusted = True
    association.save()
    client.force_login(editor)
    client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        profile_post(association, name="Geändert e.V."),
    )
    assert client.post("/de/konto/loeschen/", {"password": "falsch"}).status_code == 400
    response = client.post("/de/konto/loeschen/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not type(editor).objects.filter(pk=editor.pk).exists()
    assert not Membership.objects.filter(association=association, user_id=editor.pk).exists()
    entry = AuditEntry.objects.get(action="association.edited")
    assert (entry.actor, entry.actor_name) == (None, "gelöschtes Konto")
    assert (
        client.post(
            "/de/konto/login/", {"login": "editor@example.org", "password": PASSWORD}
        ).status_code
        == 200
    )


def test_staff_cannot_delete_themselves_here(client, staff):
    client.force_login(staff)
    assert client.post("/de/konto/loeschen/", {"password": PASSWORD}).status_code == 403
    assert type(staff).objects.filter(pk=staff.pk).exists()


def test_people_page_lists_members_and_invitations(client, association, association_admin, editor):
    services.invitation_create(
        association=association, email="offen@example.org", role="editor", by=association_admin
    )
    client.force_login(association_admin)
    response = client.get(f"/de/mein-verein/{association.slug}/personen/")
    assert [m.user.email for m in response.context["memberships"]] == [
        "editor@example.org",
        "vorstand@example.org",
    ]
    assert [i.email for i in response.context["invitations"]] == ["offen@example.org"]


def test_expired_invitations_are_deleted_after_30_days(association, association_admin):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    old = services.invitation_create(
        association=association, email="alt@example.org", role="editor", by=association_admin
    )
    recent = services.invitation_create(
        association=association, email="neu@example.org", role="editor", by=association_admin
    )
    Invitation.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - timezone.timedelta(days=31)
    )
    Invitation.objects.filter(pk=recent.pk).update(
        expires_at=timezone.now() - timezone.timedelta(days=2)
    )
    out = StringIO()
    call_command("expire_invitations", stdout=out)
    assert out.getvalue().strip() == "1 expired invitations deleted."
    assert list(Invitation.objects.values_list("email", flat=True)) == ["neu@example.org"]


def test_invitations_are_limited_per_association_and_day(
    client, association, association_admin, other_association, django_capture_on_commit_callbacks
):
    client.force_login(association_admin)
    people = f"/de/mein-verein/{association.slug}/personen/"
    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            client.post(
                people, {"email": f"p{n}@example.org", "role": "editor", "language": "de"}
            ).status_code
            for n in range(25)
        ]
    assert codes == [302] * 20 + [429] * 5
    assert association.invitations.count() == 20
    assert len(mail.outbox) == 20
    response = client.post(people, {"email": "noch@example.org", "role": "admin", "language": "de"})
    assert response.context["form"].non_field_errors() == [
        "Dieser Verein hat heute bereits 20 Einladungen verschickt. "
        "Bitte senden Sie weitere morgen."
    ]
    # Other associations have their own budget; the next day starts a new one.
    services.invitation_create(
        association=other_association, email="x@example.org", role="editor", by=association_admin
    )
    association.invitations.update(created_at=timezone.now() - timedelta(days=1))
    assert (
        client.post(
            people, {"email": "morgen@example.org", "role": "editor", "language": "de"}
        ).status_code
        == 302
    )


def test_the_last_admin_hands_the_role_on_before_deleting_their_account(
    client, association, association_admin, editor
):
    client.force_login(association_admin)
    response = client.post("/de/konto/loeschen/", {"password": PASSWORD})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        f"Sie sind die letzte Person mit Vereinsadmin-Rechten bei {association.name}. Ernennen "
        "Sie dort zuerst eine andere Person zum Vereinsadmin (Mein Verein → Personen mit "
        "Zugriff) und "
        "löschen Sie dann Ihr Konto."
    ]
    assert type(association_admin).objects.filter(pk=association_admin.pk).exists()
    assert Membership.objects.filter(association=association).count() == 2
    # With a second admin, the first may go.
    services.membership_set_role(
        membership=Membership.objects.get(user=editor), role="admin", by=association_admin
    )
    assert client.post("/de/konto/loeschen/", {"password": PASSWORD}).status_code == 302
    assert not type(association_admin).objects.filter(pk=association_admin.pk).exists()


def test_the_only_person_of_an_association_may_delete_their_account(
    client, association, association_admin
):
    client.force_login(association_admin)
    assert client.post("/de/konto/loeschen/", {"password": PASSWORD}).status_code == 302
    assert Membership.objects.filter(association=association).count() == 0
