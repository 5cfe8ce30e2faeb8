"""Uploads under /media/: served only while their object is public, or to those who may
see it; stored under random names; odd paths are a 404, never a 500 (issue 11)."""

from datetime import date, time, timedelta
from types import SimpleNamespace

import boto3
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.utils import timezone
from moto import mock_aws

from events import services as event_services
from events.models import Event
from members.models import Association, Membership, ProfileRevision
from projects import services as project_services
from projects.models import Document
from tests.factories import (
    AssociationFactory,
    image_bytes,
    make_house,
    make_room,
    member_of,
    sign_in_with_second_factor,
    staff_in,
)
from tests.members.test_dashboard import profile_post, upload
from tests.projects.test_admin import document_data, pdf_bytes, pdf_upload
from tests.uploads import name_shape
from vmdo_portal.staff_groups import RAUMVERWALTUNG, REDAKTION
from vmdo_portal.uploads import original_name, rename_stored_files

pytestmark = pytest.mark.django_db

PNG = image_bytes("PNG")
PDF = pdf_bytes()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(field, original, content=PNG):
    """Store `content` in a file field as an upload called `original` would be."""
    field.save(original, ContentFile(content), save=True)
    return field.name


def fetch(client, path):
    """GET a media path; the body is read to the end, which closes the file."""
    response = client.get(path)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    return response


@pytest.fixture
def owner():
    return AssociationFactory(name="Eigener Verein e.V.")


def make_uploads(owner, *, public: bool) -> dict[str, tuple[str, str]]:
    """One upload of every kind whose object is public or not: kind -> (name, content type)."""
    suffix = "offen" if public else "intern"
    association = AssociationFactory(name=f"Logoverein {suffix}", published=public)
    Membership.objects.create(
        user=owner.memberships.get().user, association=association, role="editor"
    )
    project = project_services.project_create(
        title=f"Projekt {suffix}",
        title_de=f"Projekt {suffix}",
        slug=f"projekt-{suffix}",
        start_date=date(2020, 1, 1),
        published=public,
    )
    document = Document.objects.create(title="Bericht", project=project)
    office = staff_in(REDAKTION, email=f"anlage-{suffix}@example.org")
    [event] = event_services.event_create(
        by=office,
        title=f"Fest {suffix}",
        first_date=timezone.localdate() + timedelta(days=10),
        start_time=time(17),
        end_time=time(19),
        location_kind=Event.Location.ADDRESS,
        address="Nordmarkt, Dortmund",
        associations=[owner],
    )
    if public:
        event_services.event_publish(event=event, by=office)
    return {
        "association logo": (stored(association.logo, "logo-intern.png"), "image/png"),
        "association thumbnail": (
            stored(association.logo_thumbnail, "logo-intern-thumb.png"),
            "image/png",
        ),
        "project image": (stored(project.image, "projektbild.png"), "image/png"),
        "document": (stored(document.file, "bericht.pdf", PDF), "application/pdf"),
        "event image": (stored(Event.objects.get(pk=event.pk).image, "fest.png"), "image/png"),
    }


@pytest.fixture
def uploads(owner):
    member_of(owner, email="mitglied@example.org")
    return {
        "public": make_uploads(owner, public=True),
        "private": make_uploads(owner, public=False),
    }


def test_public_files_are_served_to_everyone_with_their_type_and_nosniff(client, uploads):
    for kind, (name, content_type) in uploads["public"].items():
        response = fetch(client, f"/media/{name}")
        assert (kind, response.status_code) == (kind, 200)
        assert (response["Content-Type"], response["X-Content-Type-Options"]) == (
            content_type,
            "nosniff",
        )
        assert response["Cache-Control"] == "public, max-age=300"
        assert response.body == (PDF if content_type == "application/pdf" else PNG)


def test_room_photos_and_house_rules_are_public(client):
    house = make_house()
    photo = make_room(house).photos.create(alt="Der Saal")
    names = [
        stored(photo.image, "saal.png"),
        stored(photo.thumbnail, "saal-klein.png"),
        stored(house.house_rules, "hausordnung.pdf", PDF),
    ]
    assert [fetch(client, f"/media/{name}").status_code for name in names] == [200, 200, 200]


# Who sees the files of unpublished objects: kind -> viewer -> status.
PRIVATE = {
    "association logo": {"member": 200, "redaktion": 200, "raumverwaltung": 200},
    "association thumbnail": {"member": 200, "redaktion": 200, "raumverwaltung": 200},
    "project image": {"member": 404, "redaktion": 200, "raumverwaltung": 404},
    "document": {"member": 404, "redaktion": 200, "raumverwaltung": 404},
    "event image": {"member": 200, "redaktion": 200, "raumverwaltung": 404},
}
VIEWERS = [
    "anonymous",
    "other association",
    "staff flag only",
    "redaktion without second factor",
    "member",
    "redaktion",
    "raumverwaltung",
]


def sign_in(client, viewer, owner):
    if viewer == "other association":
        client.force_login(member_of(AssociationFactory(name="Fremder Verein e.V.")))
    elif viewer == "staff flag only":
        client.force_login(staff_in(email="flagge@example.org"))
    elif viewer == "redaktion without second factor":
        client.force_login(staff_in(REDAKTION, email="ohne-2fa@example.org"))
    elif viewer == "member":
        client.force_login(owner.memberships.get(user__email="mitglied@example.org").user)
    elif viewer == "redaktion":
        sign_in_with_second_factor(client, staff_in(REDAKTION, email="redaktion@example.org"))
    elif viewer == "raumverwaltung":
        sign_in_with_second_factor(client, staff_in(RAUMVERWALTUNG, email="raum@example.org"))


@pytest.mark.parametrize("viewer", VIEWERS)
def test_files_of_unpublished_objects_only_for_those_who_may_see_them(
    client, owner, uploads, viewer
):
    sign_in(client, viewer, owner)
    seen = {
        kind: fetch(client, f"/media/{name}").status_code
        for kind, (name, _type) in uploads["private"].items()
    }
    assert seen == {kind: who.get(viewer, 404) for kind, who in PRIVATE.items()}
    # The public ones stay visible to everyone, signed in or not.
    seen = {
        kind: fetch(client, f"/media/{name}").status_code
        for kind, (name, _type) in uploads["public"].items()
    }
    assert set(seen.values()) == {200}


def test_a_private_file_is_never_cached_on_the_way(client, owner, uploads):
    sign_in(client, "member", owner)
    response = fetch(client, f"/media/{uploads['private']['association logo'][0]}")
    assert (response.status_code, response["Cache-Control"]) == (200, "private, no-store")
    assert "X-Page-Cache" not in response


def test_unpublishing_hides_the_file_at_once(client, uploads):
    name = uploads["public"]["association logo"][0]
    assert fetch(client, f"/media/{name}").status_code == 200
    Association.objects.filter(logo=name).update(published=False)
    assert fetch(client, f"/media/{name}").status_code == 404


def test_a_document_without_project_is_not_public(client):
    document = Document.objects.create(title="Entwurf")
    assert fetch(client, f"/media/{stored(document.file, 'entwurf.pdf', PDF)}").status_code == 404


def test_a_file_without_owner_is_not_served(client, media_root):
    default_storage.save("associations/logos/verwaist.png", ContentFile(PNG))
    assert fetch(client, "/media/associations/logos/verwaist.png").status_code == 404


# --- stored names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "shape"),
    [
        ("Geheimer Vereinsname e.V. Logo.PNG", "associations/logos/<random>.png"),
        ("../../etc/passwd.png", "associations/logos/<random>.png"),
        ("logo.svg", "associations/logos/<random>"),
        ("ohne-endung", "associations/logos/<random>"),
    ],
)
def test_stored_names_are_random_and_not_derived_from_the_upload(original, shape):
    association = AssociationFactory(name="Namensverein")
    first = stored(association.logo, original)
    second = stored(association.logo, original)
    assert (name_shape(first), name_shape(second)) == (shape, shape)
    assert first != second
    assert "geheim" not in first.lower() and "passwd" not in first


def test_a_logo_uploaded_in_the_dashboard_is_stored_under_a_random_name(client):
    association = AssociationFactory(name="Hochlade e.V.", trusted=True)
    client.force_login(member_of(association))
    response = client.post(
        f"/de/mein-verein/{association.slug}/profil/",
        {**profile_post(association), "new_logo": upload(PNG, "hochlade-ev-logo.png")},
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert (name_shape(association.logo.name), name_shape(association.logo_thumbnail.name)) == (
        "associations/logos/<random>.png",
        "associations/logos/<random>.png",
    )


# --- documents keep their name for the download ---------------------------------------


@pytest.fixture
def office_client(client):
    return sign_in_with_second_factor(client, staff_in(REDAKTION, email="doku@example.org"))


def test_a_document_downloads_under_its_original_non_ascii_name(office_client, client):
    project = project_services.project_create(
        title="Brücken",
        title_de="Brücken",
        slug="bruecken",
        start_date=date(2020, 1, 1),
        published=True,
    )
    upload = pdf_upload(PDF, name="Jahresbericht Übersicht – 2025.pdf")
    response = office_client.post(
        "/verwaltung/projects/document/add/", document_data(upload, project=str(project.pk))
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert name_shape(document.file.name) == "documents/<random>.pdf"
    office_client.logout()
    response = fetch(client, f"/media/{document.file.name}")
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''Jahresbericht%20%C3%9Cbersicht%20%E2%80%93%202025.pdf"
    )
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ('Bericht "final".pdf', 'inline; filename="Bericht \\"final\\".pdf"'),
        (
            "Bericht.pdf\r\nSet-Cookie: sessionid=x",
            "inline; filename*=utf-8''Bericht.pdf%0D%0ASet-Cookie%3A%20sessionid%3Dx",
        ),
    ],
)
def test_a_document_name_cannot_inject_headers(client, name, disposition):
    project = project_services.project_create(
        title="Offen", title_de="Offen", slug="offen", start_date=date(2020, 1, 1), published=True
    )
    document = Document.objects.create(title="Bericht", project=project, original_name=name)
    response = fetch(client, f"/media/{stored(document.file, 'x.pdf', PDF)}")
    assert response["Content-Disposition"] == disposition
    assert "Set-Cookie" not in response
    assert response.cookies == {}


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("Jahresbericht Übersicht.pdf", "Jahresbericht Übersicht.pdf"),
        ("C:\\Users\\vorstand\\Protokoll.pdf", "Protokoll.pdf"),
        ("Bericht\r\n\x00.pdf", "Bericht.pdf"),
        ("\u202egnp.pdf", "gnp.pdf"),
    ],
)
def test_the_original_name_loses_paths_and_control_characters(uploaded, kept):
    assert original_name(ContentFile(b"", name=uploaded)) == kept


# --- odd paths ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/media/associations/logos/%00.png",
        "/media/documents/%00",
        "/media/associations/logos/..%2F..%2Fsettings.py",
        "/media/associations/logos/../revisions/x.png",
        "/media/associations/logos/%2e%2e/revisions/x.png",
        "/media/associations/logos/..%5C..%5Cx.png",
        "/media/..%2F..%2Fetc/passwd",
        "/media//etc/passwd",
        "/media/associations/logos/",
        "/media/associations/revisions/x.png",
        "/media/associations/logos/" + "a" * 300 + ".png",
        "/media/associations/logos/x.png%0d%0aSet-Cookie:a=b",
    ],
)
def test_odd_media_paths_answer_the_portals_404(client, path):
    response = fetch(client, path)
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]


def test_an_orphaned_name_with_a_missing_file_is_a_404(client, uploads, media_root):
    name = uploads["public"]["project image"][0]
    default_storage.delete(name)
    assert fetch(client, f"/media/{name}").status_code == 404


# --- existing files get random names ---------------------------------------------------


def test_existing_files_are_renamed_and_the_old_ones_deleted_after_commit(
    django_capture_on_commit_callbacks,
):
    association = AssociationFactory(name="Altverein")
    old = default_storage.save("associations/logos/altverein.png", ContentFile(PNG))
    Association.objects.filter(pk=association.pk).update(
        logo=old, logo_thumbnail="associations/logos/fehlt.png"
    )
    forwards = rename_stored_files("members", "Association", "logo", "logo_thumbnail")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        forwards(apps, SimpleNamespace(connection=connection))
    association.refresh_from_db()
    assert name_shape(association.logo.name) == "associations/logos/<random>.png"
    # A missing file keeps its name; the old file lives until the transaction committed.
    assert association.logo_thumbnail.name == "associations/logos/fehlt.png"
    assert default_storage.exists(old)
    for callback in callbacks:
        callback()
    assert not default_storage.exists(old)
    with default_storage.open(association.logo.name) as renamed:
        assert renamed.read() == PNG


# --- the proposed logo of a profile change, in the back office ---------------------------


@pytest.fixture
def revision(owner):
    """A pending profile change of an untrusted association with a new logo."""
    editor = member_of(owner, email="mitglied@example.org")
    client = Client()
    client.force_login(editor)
    response = client.post(
        f"/de/mein-verein/{owner.slug}/profil/",
        {**profile_post(owner), "new_logo": upload(PNG, "neues-logo.png")},
    )
    assert response.status_code == 302
    return ProfileRevision.objects.get(association=owner)


def test_the_proposed_logo_is_stored_under_a_random_name_and_not_public(client, revision):
    assert (name_shape(revision.logo.name), name_shape(revision.logo_thumbnail.name)) == (
        "associations/revisions/<random>.png",
        "associations/revisions/<random>.png",
    )
    assert fetch(client, f"/media/{revision.logo.name}").status_code == 404
    sign_in(client, "redaktion", revision.association)
    assert fetch(client, f"/media/{revision.logo.name}").status_code == 404


def test_staff_see_the_proposed_logo_in_the_review(client, revision):
    sign_in(client, "redaktion", revision.association)
    page = client.get(f"/verwaltung/members/profilerevision/{revision.pk}/change/")
    logo = f"/verwaltung/members/profilerevision/{revision.pk}/logo/logo/"
    thumbnail = f"/verwaltung/members/profilerevision/{revision.pk}/logo/thumbnail/"
    assert f'<a href="{logo}"><img src="{thumbnail}"' in page.content.decode()
    for url, field in [(logo, revision.logo), (thumbnail, revision.logo_thumbnail)]:
        response = fetch(client, url)
        assert (response.status_code, response["Content-Type"]) == (200, "image/png")
        assert (response["X-Content-Type-Options"], response["Cache-Control"]) == (
            "nosniff",
            "private, no-store",
        )
        with field.open("rb") as stored_file:
            assert response.body == stored_file.read()


def test_the_association_page_shows_the_logo_waiting_for_review(client, revision):
    sign_in(client, "redaktion", revision.association)
    page = client.get(f"/verwaltung/members/association/{revision.association.pk}/change/")
    logo = f"/verwaltung/members/profilerevision/{revision.pk}/logo/logo/"
    thumbnail = f"/verwaltung/members/profilerevision/{revision.pk}/logo/thumbnail/"
    assert f'<a href="{logo}"><img src="{thumbnail}"' in page.content.decode()


@pytest.mark.parametrize(
    "viewer",
    [
        "anonymous",
        "other association",
        "member",
        "staff flag only",
        "redaktion without second factor",
        "raumverwaltung",
    ],
)
def test_nobody_else_sees_the_proposed_logo(client, revision, viewer):
    sign_in(client, viewer, revision.association)
    base = f"/verwaltung/members/profilerevision/{revision.pk}/logo/"
    assert [fetch(client, f"{base}{kind}/").status_code for kind in ("logo", "thumbnail")] == [
        404,
        404,
    ]


def test_the_proposed_logo_url_answers_404_for_odd_requests(client, revision):
    sign_in(client, "redaktion", revision.association)
    base = "/verwaltung/members/profilerevision/"
    paths = [f"{base}{revision.pk}/logo/other/", f"{base}999999/logo/logo/"]
    assert [fetch(client, path).status_code for path in paths] == [404, 404]


# --- the same on S3-compatible object storage -------------------------------------------


@pytest.fixture
def s3_storage(settings):
    """Uploads in an S3 bucket (moto's in-process S3), as in production with a bucket."""
    with mock_aws():
        boto3.client("s3", region_name="eu-central-1").create_bucket(
            Bucket="vmdo-media", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "vmdo_portal.storage.PortalS3Storage",
                "OPTIONS": {
                    "bucket_name": "vmdo-media",
                    "region_name": "eu-central-1",
                    "access_key": "testing",
                    "secret_key": "testing",
                    "file_overwrite": False,
                    "default_acl": None,
                },
            },
        }
        yield


def test_files_in_the_bucket_are_served_only_while_public(client, s3_storage, media_root):
    association = AssociationFactory(name="Eimerverein")
    name = stored(association.logo, "eimerverein.png")
    assert name_shape(name) == "associations/logos/<random>.png"
    assert not (media_root / name).exists()  # it lives in the bucket
    response = fetch(client, association.logo.url)
    assert (response.status_code, response["Content-Type"], response.body) == (
        200,
        "image/png",
        PNG,
    )
    Association.objects.filter(pk=association.pk).update(published=False)
    assert fetch(client, association.logo.url).status_code == 404
    Association.objects.filter(pk=association.pk).update(published=True)
    default_storage.delete(name)
    assert fetch(client, association.logo.url).status_code == 404
