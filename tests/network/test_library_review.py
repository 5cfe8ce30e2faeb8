"""The library's review in the back office, its emails and audit log, the to-do row, the
start page's news, the site search's members-only group and the personal data."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from members.models import Membership
from network.library import services
from network.models import Resource
from tests.factories import AssociationFactory, UserFactory, member_of
from tests.network.library import make_resource
from vmdo_portal import personal_data
from vmdo_portal.audit import entries_for
from vmdo_portal.services import Refused
from vmdo_portal.staff_groups import REDAKTION

pytestmark = pytest.mark.django_db

ADMIN = "/verwaltung/network/resource/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def office(client, sign_in_as_staff):
    sign_in_as_staff("staff_with_permission", REDAKTION)
    from vmdo_portal.models import User

    return client, User.objects.get(pk=client.session["_auth_user_id"])


@pytest.fixture
def pending():
    association = AssociationFactory(name="Elternverein Hörde", email="eltern@example.org")
    sharer = member_of(association, Membership.Role.EDITOR, language="ar", name="Samira")
    resource = make_resource(
        association=association,
        by=sharer,
        status=Resource.Status.PENDING,
        title="Vorlage",
        link="https://example.org/vorlage",
    )
    return resource


def change_form_data(response) -> dict:
    """The change page's form as the browser would send it back unchanged."""
    data = {}
    form = response.context["adminform"].form
    for field in form:
        value = field.value()
        if isinstance(value, FieldFile):  # a file is not sent again
            continue
        if value is None or value is False:
            continue
        data[field.html_name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for inline_form in formset.forms:
            for field in inline_form:
                if field.value() not in (None, False):
                    data[field.html_name] = field.value()
    return data


# --- the review ----------------------------------------------------------------------


def test_staff_approve_a_waiting_resource_and_the_sharer_hears_in_their_language(
    office, pending, django_capture_on_commit_callbacks
):
    client, staff = office
    page = client.get(f"{ADMIN}{pending.pk}/change/")
    assert page.content.decode().count('name="_approve"') == 1
    data = change_form_data(page) | {"_approve": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}{pending.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    pending.refresh_from_db()
    assert (pending.status, pending.reviewed_by) == (Resource.Status.PUBLISHED, staff)
    assert pending.published_at == pending.reviewed_at
    assert [entry.action for entry in entries_for(pending)] == ["resource.approved"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [pending.shared_by.email]
    # In Arabic, the sharer's language; the link leads to the Arabic page.
    assert f"/ar/netzwerk/wissen/{pending.pk}/" in mail.outbox[0].body
    assert mail.outbox[0].subject == '[VMDO] تم نشر "Vorlage" في الشبكة'


def test_staff_reject_with_a_reason_and_the_sharer_is_told(
    office, pending, django_capture_on_commit_callbacks
):
    client, staff = office
    page = client.get(f"{ADMIN}{pending.pk}/change/")
    data = change_form_data(page) | {"_reject": "1", "reason": "Bitte ohne Namen."}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{ADMIN}{pending.pk}/change/", data)
    pending.refresh_from_db()
    assert (pending.status, pending.reason) == (Resource.Status.REJECTED, "Bitte ohne Namen.")
    entry = entries_for(pending).get(action="resource.rejected")
    assert (entry.actor, entry.data) == (staff, {"reason": "Bitte ohne Namen."})
    assert len(mail.outbox) == 1
    assert "Bitte ohne Namen." in mail.outbox[0].body


def test_a_rejection_needs_a_reason_and_a_decided_resource_stays_decided(pending):
    staff = UserFactory(is_staff=True)
    with pytest.raises(Refused) as refused:
        services.resource_reject(resource=pending, by=staff, reason="  ")
    assert refused.value.errors == ["Bitte geben Sie einen Grund für die Ablehnung an."]
    services.resource_approve(resource=pending, by=staff)
    with pytest.raises(Refused):
        services.resource_reject(resource=pending, by=staff, reason="zu spät")
    pending.refresh_from_db()
    assert pending.status == Resource.Status.PUBLISHED


def test_the_association_hears_in_german_when_the_sharers_account_is_gone(
    pending, django_capture_on_commit_callbacks
):
    personal_data.erase(pending.shared_by)
    pending.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_approve(resource=pending, by=UserFactory(is_staff=True))
    assert mail.outbox[0].to == ["eltern@example.org"]
    assert mail.outbox[0].subject == "[VMDO] „Vorlage“ ist im Netzwerk veröffentlicht"


def test_bulk_approve_in_the_back_office(office, pending):
    client, _staff = office
    published = make_resource(title="Schon da")
    response = client.post(
        ADMIN, {"action": "approve", "_selected_action": [pending.pk, published.pk]}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Resource.Status.PUBLISHED


def test_staff_add_a_resource_in_the_back_office_published_at_once(office):
    client, staff = office
    page = client.get(f"{ADMIN}add/")
    data = change_form_data(page) | {
        "title_de": "Leitfaden Datenschutz",
        "summary_de": "Was Vereine beachten müssen.",
        "link": "https://example.org/datenschutz",
        "languages-0-code": "de",
    }
    response = client.post(f"{ADMIN}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get()
    assert (resource.status, resource.shared_by, resource.association) == (
        Resource.Status.PUBLISHED,
        staff,
        None,
    )
    assert [entry.action for entry in entries_for(resource)] == ["resource.published"]
    assert [language.code for language in resource.languages.all()] == ["de"]


def test_the_to_do_list_counts_waiting_resources(office, pending):
    client, _staff = office
    page = client.get("/verwaltung/").content.decode()
    assert f"{ADMIN}?status__exact=pending" in page
    assert "Im Netzwerk geteilte Ressourcen, die auf Prüfung warten" in page


# --- news, search, personal data --------------------------------------------------------


def test_the_start_page_shows_resources_published_since_the_last_visit(client):
    association = AssociationFactory()
    client.force_login(member_of(association))
    old = make_resource(association=association, title="Alter Leitfaden")
    Resource.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=60))
    make_resource(association=association, title="Neue Checkliste")
    make_resource(association=association, title="Wartet noch", status=Resource.Status.PENDING)
    page = client.get("/de/netzwerk/").content.decode()
    assert "1 neue Ressource" in page
    assert "Neue Checkliste" in page
    assert "Alter Leitfaden" not in page
    assert "Wartet noch" not in page
    assert 'href="/de/netzwerk/wissen/"' in page  # the navigation


def test_the_site_search_shows_resources_only_to_members(client):
    association = AssociationFactory()
    make_resource(association=association, title="Kassenbericht Vorlage")
    make_resource(association=association, title="Kassenbuch Entwurf", status="pending")
    client.force_login(UserFactory())
    response = client.get("/de/suche/", {"q": "Kassen"})
    assert response.context["results"].areas == []
    client.force_login(member_of(AssociationFactory()))
    response = client.get("/de/suche/", {"q": "Kassen"})
    assert [
        (group.key, [item.title for item in group.items])
        for area in response.context["results"].areas
        for group in area.groups
    ] == [("network-resources", ["Kassenbericht Vorlage"])]
    page = response.content.decode()
    assert '<h3 id="area-network">Aus dem Netzwerk</h3>' in page
    client.logout()
    assert "Kassenbericht" not in client.get("/de/suche/", {"q": "Kassen"}).content.decode()


def test_personal_data_lists_the_shared_resources_and_erase_keeps_them(pending):
    sharer = pending.shared_by
    association = pending.association
    assert personal_data.collect(sharer)["network.library"] == [
        {
            "title": "Vorlage",
            "association": "Elternverein Hörde",
            "status": "pending",
            "shared_at": pending.created_at.isoformat(),
        }
    ]
    personal_data.erase(sharer)
    pending.refresh_from_db()
    assert (pending.shared_by, pending.association) == (None, association)


def test_a_deleted_sharer_shows_as_deleted_account(client, pending):
    services.resource_approve(resource=pending, by=UserFactory(is_staff=True))
    personal_data.erase(pending.shared_by)
    client.force_login(member_of(AssociationFactory()))
    page = client.get(f"/de/netzwerk/wissen/{pending.pk}/").content.decode()
    assert "<dd>gelöschtes Konto</dd>" in page
    assert "<dd><bdi>Elternverein Hörde</bdi></dd>" in page
