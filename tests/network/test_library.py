"""Wissen: who reaches which page of the library, the list, the detail page, downloads,
sharing a resource from the area."""

import pytest
from django.core import mail

from network.models import Resource
from network.permissions import member_associations
from tests.factories import AssociationFactory, UserFactory, member_of
from tests.network.conftest import NETWORK_ROLES, expected
from tests.network.library import LIST, SHARE, make_resource, pdf_upload, share_data
from vmdo_portal.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- the permission matrix -----------------------------------------------------------

# For things owned by one association: its members and reviewing staff; the members of
# other associations get 404 like strangers.
OWN_ONLY = expected(200, other_member=404)


def _url(kind, published, pending):
    return {
        "list": LIST,
        "detail": f"{LIST}{published.pk}/",
        "download": f"{LIST}{published.pk}/datei/",
        "share": SHARE,
        "pending_detail": f"{LIST}{pending.pk}/",
        "pending_download": f"{LIST}{pending.pk}/datei/",
    }[kind]


MATRIX = [
    ("list", expected(200)),
    ("detail", expected(200)),
    ("download", expected(200)),
    ("share", expected(200)),
    ("pending_detail", OWN_ONLY),
    ("pending_download", OWN_ONLY),
]


@pytest.mark.parametrize("role", NETWORK_ROLES)
@pytest.mark.parametrize(("kind", "table"), MATRIX, ids=[kind for kind, _table in MATRIX])
def test_who_reaches_the_library(network_as, role, kind, table):
    client, _user, association = network_as(role)
    published = make_resource(association=AssociationFactory(), with_file=True)
    pending = make_resource(association=association, status=Resource.Status.PENDING, with_file=True)
    url = _url(kind, published, pending)
    response = client.get(url)
    response.close()  # a download's file
    assert response.status_code == table[role]
    if role == "anonymous":
        assert response["Location"] == f"/de/konto/login/?next={url}"


@pytest.mark.parametrize("role", NETWORK_ROLES)
def test_who_may_share_a_resource(network_as, role):
    client, user, association = network_as(role)
    # The person's own member association, if any (staff share for the office).
    own = member_associations(user).first() if user else None
    response = client.post(SHARE, share_data(own))
    status = expected(302)[role]
    assert response.status_code == status
    created = Resource.objects.filter(title_de="Checkliste Mitgliederversammlung")
    if role == "anonymous":
        assert response["Location"] == f"/de/konto/login/?next={SHARE}"
        assert created.count() == 0
    elif status == 302:
        resource = created.get()
        assert response["Location"] == f"{LIST}{resource.pk}/"
        assert resource.shared_by == user
        if role == "staff_with_permission":
            # The office shares for itself: published at once.
            assert (resource.association, resource.status) == (None, "published")
        else:
            assert resource.association == own
            assert own == association or role == "other_member"
    else:
        assert created.count() == 0


@pytest.mark.parametrize("method", ["put", "delete"])
def test_the_pages_answer_only_their_methods(network_as, method):
    client, _user, _association = network_as("editor")
    resource = make_resource()
    for url in [LIST, f"{LIST}{resource.pk}/", f"{LIST}{resource.pk}/datei/", SHARE]:
        assert getattr(client, method)(url).status_code == 405, url


def test_a_rejected_resource_is_seen_by_its_association_only(network_as):
    client, _user, association = network_as("editor")
    rejected = make_resource(
        association=association, status=Resource.Status.REJECTED, reason="Doppelt vorhanden."
    )
    page = client.get(f"{LIST}{rejected.pk}/").content.decode()
    assert "Doppelt vorhanden." in page
    client.force_login(member_of(AssociationFactory()))
    assert client.get(f"{LIST}{rejected.pk}/").status_code == 404


def test_a_missing_resource_is_404(network_as):
    client, _user, _association = network_as("editor")
    assert client.get(f"{LIST}999999/").status_code == 404
    resource = make_resource()  # no file
    assert client.get(f"{LIST}{resource.pk}/datei/").status_code == 404


# --- downloads -------------------------------------------------------------------------


def test_the_file_is_served_only_by_the_protected_view(client):
    association = AssociationFactory()
    resource = make_resource(association=association, with_file=True)
    name = resource.file.name
    assert name.startswith("network/library/")
    assert name.endswith(".pdf")
    assert len(name) == len("network/library/") + 32 + len(".pdf")
    # Not under /media/: nobody, not even a member, fetches it there.
    assert client.get(f"/media/{name}").status_code == 404
    client.force_login(member_of(association))
    assert client.get(f"/media/{name}").status_code == 404
    response = client.get(f"{LIST}{resource.pk}/datei/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="leitfaden.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    with open(resource.file.path, "rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    response.close()


def test_anonymous_visitors_get_the_login_for_a_download(client):
    resource = make_resource(association=AssociationFactory(), with_file=True)
    response = client.get(f"{LIST}{resource.pk}/datei/")
    assert response.status_code == 302
    assert response["Location"] == f"/de/konto/login/?next={LIST}{resource.pk}/datei/"


# --- the list --------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 20])
def test_the_list_costs_the_same_queries_for_1_and_20_resources(
    network_as, django_assert_num_queries, rows
):
    client, _user, association = network_as("editor")
    for number in range(rows):
        make_resource(association=association, title=f"Leitfaden {number}", languages=["de", "ar"])
    with django_assert_num_queries(9):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["resources"]) == rows


def _titles(response) -> list[str]:
    return [resource.title for resource in response.context["resources"]]


def test_the_list_searches_titles_and_summaries_and_filters(network_as):
    client, _user, association = network_as("editor")
    make_resource(
        association=association,
        title="Kassenbuch führen",
        summary="Einnahmen und Ausgaben",
        topic=Resource.Topic.BOOKKEEPING,
        languages=["de", "tr"],
    )
    make_resource(
        association=association,
        title="Förderanträge schreiben",
        summary="Wie ein **Antrag** gelingt",
        topic=Resource.Topic.FUNDING,
        languages=["de", "ar"],
    )
    make_resource(association=association, title="Entwurf", status=Resource.Status.PENDING)
    assert _titles(client.get(LIST, {"q": "kassenbuch"})) == ["Kassenbuch führen"]
    assert _titles(client.get(LIST, {"q": "antrag"})) == ["Förderanträge schreiben"]
    assert _titles(client.get(LIST, {"q": "foerderantraege"})) == ["Förderanträge schreiben"]
    assert _titles(client.get(LIST, {"topic": "buchhaltung"})) == ["Kassenbuch führen"]
    assert _titles(client.get(LIST, {"language": "ar"})) == ["Förderanträge schreiben"]
    assert _titles(client.get(LIST, {"q": "entwurf"})) == []
    everything = client.get(LIST)
    assert _titles(everything) == ["Förderanträge schreiben", "Kassenbuch führen"]
    # Its own waiting resource is listed apart for the association.
    assert [resource.title for resource in everything.context["waiting"]] == ["Entwurf"]


def test_the_list_searches_the_readers_language(network_as):
    client, _user, association = network_as("editor")
    resource = make_resource(association=association, title="Satzung")
    resource.title_tr = "Dernek tüzüğü"
    resource.save()
    assert _titles(client.get("/tr/netzwerk/wissen/", {"q": "tuzugu"})) == ["Dernek tüzüğü"]
    # German readers search the German title only.
    assert _titles(client.get(LIST, {"q": "tuzugu"})) == []


def test_the_list_pages_by_20(network_as):
    client, _user, association = network_as("editor")
    for number in range(21):
        make_resource(association=association, title=f"Leitfaden {number:02d}")
    first = client.get(LIST)
    assert len(first.context["resources"]) == 20
    second = client.get(LIST, {"seite": 2})
    assert _titles(second) == ["Leitfaden 00"]


def test_the_phone_layout_puts_a_compact_search_first_and_folds_the_filters(network_as):
    client, _user, _association = network_as("editor")
    page = client.get(LIST).content.decode()
    assert page.index('class="filter-search"') < page.index('<details class="filter-panel"')
    assert page.index('<details class="filter-panel"') < page.index('id="results"')


# --- the detail page -------------------------------------------------------------------


def test_the_detail_page_renders_markdown_and_escapes_html(network_as):
    client, _user, association = network_as("editor")
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    resource = make_resource(
        association=association,
        title=f"Titel {hostile}",
        summary=f"**Wichtig**\n\n{hostile}\n\n[Link](javascript:alert(1))",
        link="https://example.org/aufzeichnung",
    )
    page = client.get(f"{LIST}{resource.pk}/").content.decode()
    assert "<strong>Wichtig</strong>" in page
    assert hostile not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert 'href="https://example.org/aufzeichnung" rel="noopener noreferrer nofollow"' in page
    listed = client.get(LIST).content.decode()
    assert hostile not in listed


def test_the_detail_page_names_who_shared_it(network_as):
    client, _user, association = network_as("editor")
    person = member_of(association, name="Amina Yilmaz")
    resource = make_resource(association=association, by=person, with_file=True)
    page = client.get(f"{LIST}{resource.pk}/").content.decode()
    assert f"<dd><bdi>{association.name}</bdi></dd>" in page
    assert "<dd><bdi>Amina Yilmaz</bdi></dd>" in page
    assert person.email not in page
    assert f'href="{LIST}{resource.pk}/datei/"' in page
    office = make_resource(by=UserFactory(name="Petra Büro"))
    page = client.get(f"{LIST}{office.pk}/").content.decode()
    assert "<dd>die VMDO-Geschäftsstelle</dd>" in page
    assert "<dd><bdi>Petra Büro</bdi></dd>" in page


# --- sharing -----------------------------------------------------------------------


def test_an_untrusted_associations_resource_waits_for_review(
    client, django_capture_on_commit_callbacks
):
    association = AssociationFactory(trusted=False)
    user = member_of(association)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SHARE, share_data(association, file=pdf_upload()))
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert resource.status == Resource.Status.PENDING
    assert resource.published_at is None
    assert resource.title_de == "Checkliste Mitgliederversammlung"
    assert resource.file_kind == "pdf"
    assert [language.code for language in resource.languages.all()] == ["ar", "de"]
    entry = AuditEntry.objects.get(object_id=resource.pk, action="resource.submitted")
    assert (entry.actor, entry.data) == (user, {"association": association.name})
    # The office hears of it.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == (
        f"[VMDO] Eine von {association.name} geteilte Ressource wartet auf Prüfung"
    )
    assert mail.outbox[0].to == ["info@vmdo.de"]  # no Redaktion account: the office address


def test_a_trusted_associations_resource_is_published_at_once(client):
    association = AssociationFactory(trusted=True)
    client.force_login(member_of(association))
    client.post(SHARE, share_data(association))
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.PUBLISHED
    assert resource.published_at is not None
    assert (
        AuditEntry.objects.filter(object_id=resource.pk, action="resource.published").count() == 1
    )


def test_the_form_offers_only_the_persons_member_associations(client):
    own = AssociationFactory(name="Eigener Verein")
    other = AssociationFactory(name="Fremder Verein")
    client.force_login(member_of(own))
    response = client.get(SHARE)
    choices = list(response.context["form"].fields["association"].queryset)
    assert choices == [own]
    assert other.name not in response.content.decode()
