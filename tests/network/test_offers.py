"""Biete / Suche: who may do what, answering by email, reporting and hiding, the list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Membership
from network.models import OfferAnswer, OfferPost, OfferReport
from network.offers import services
from network.offers.views import ANSWERS_PER_DAY, POSTS_PER_DAY
from tests.factories import AssociationFactory, member_of
from tests.network.conftest import NETWORK_ROLES, expected
from tests.network.offers_helpers import LIST, NEW, make_post, post_data
from vmdo_portal import personal_data
from vmdo_portal.models import AuditEntry
from vmdo_portal.services import Refused

pytestmark = pytest.mark.django_db

ROLES = [*NETWORK_ROLES, "other_member"]
OWNERS = ("editor", "association_admin")


def _everybody_inside(status):
    return expected(status) | {"other_member": status}


def _owners(status):
    """Only the post's association; other members and staff get 404."""
    return expected(404) | dict.fromkeys(OWNERS, status) | {"other_member": 404}


def _members(status, *, others):
    """Members of member associations (`others` for another association's member)."""
    return _owners(status) | {"other_member": others}


# (name, method, path below the list ({pk}: a post of the role's association), data,
#  status by role)
TABLE = [
    ("list", "get", "", {}, _everybody_inside(200)),
    ("new form", "get", "neu/", {}, _members(200, others=200)),
    # Posting for an association that is not one's own is a form error (nothing saved).
    ("post", "post", "neu/", "post_form", _members(302, others=400)),
    ("detail", "get", "{pk}/", {}, _everybody_inside(200)),
    # Answering one's own association's post is not offered.
    ("answer", "post", "{pk}/", {"message": "Wir helfen gern."},
     _everybody_inside(302) | dict.fromkeys(OWNERS, 404)),
    ("edit form", "get", "{pk}/bearbeiten/", {}, _owners(200)),
    ("edit", "post", "{pk}/bearbeiten/", "edit_form", _owners(302)),
    ("done", "post", "{pk}/erledigt/", {}, _owners(302)),
    ("reopen", "post", "{pk}/wieder-offen/", {}, _owners(302)),
    ("delete form", "get", "{pk}/loeschen/", {}, _owners(200)),
    ("delete", "post", "{pk}/loeschen/", {}, _owners(302)),
    ("report form", "get", "{pk}/melden/", {}, _everybody_inside(200)),
    ("report", "post", "{pk}/melden/", {"reason": "Werbung"}, _everybody_inside(302)),
]  # fmt: skip
CASES = [
    pytest.param(name, method, path, data, role, by_role[role], id=f"{name}-{role}")
    for name, method, path, data, by_role in TABLE
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "path", "data", "role", "status"), CASES)
def test_permission_matrix(network_as, name, method, path, data, role, status):
    client, _user, association = network_as(role)
    post = make_post(association)
    if data == "post_form":
        data = post_data(association)
    elif data == "edit_form":
        data = post_data(title="Neu geschrieben")
    before = OfferPost.objects.count()
    response = getattr(client, method)(LIST + path.format(pk=post.pk), data)
    assert response.status_code == status
    if status in (302, 200) or method == "get":
        return
    # Refused: nothing changed.
    assert OfferPost.objects.count() == before
    post.refresh_from_db()
    assert (post.title, post.status) == ("Beamer zu verleihen", "open")


def test_every_offers_url_is_in_the_matrix():
    from network.offers.urls import urlpatterns

    routes = {str(pattern.pattern).replace("<int:pk>", "{pk}") for pattern in urlpatterns}
    assert routes == {path for _name, _method, path, _data, _by_role in TABLE}


@pytest.mark.parametrize("method", ["get", "put"])
def test_status_changes_only_answer_posts(network_as, method):
    client, _user, association = network_as("editor")
    post = make_post(association)
    assert getattr(client, method)(f"{LIST}{post.pk}/erledigt/").status_code == 405


def test_a_member_posts_for_their_association(network_as):
    client, user, association = network_as("editor")
    response = client.post(NEW, post_data(association))
    post = OfferPost.objects.get()
    assert response["Location"] == f"{LIST}{post.pk}/"
    assert (post.association, post.author, post.kind, post.category, post.district) == (
        association, user, "request", "interpreters", "eving",
    )  # fmt: skip
    assert post.language_codes == ["ar", "fa"]
    entries = AuditEntry.objects.filter(object_id=post.pk, action__startswith="offer.")
    assert [(e.action, e.actor) for e in entries] == [("offer.created", user)]


def test_the_association_select_offers_only_ones_own_member_associations(client):
    mine = AssociationFactory(name="Alpha Verein")
    user = member_of(mine)
    Membership.objects.create(
        user=user, association=AssociationFactory(name="Beta Verein"), role="admin"
    )
    Membership.objects.create(
        user=user,
        association=AssociationFactory(name="Gamma Bewerber", status="applicant"),
        role="admin",
    )
    AssociationFactory(name="Delta Fremd")
    client.force_login(user)
    form = client.get(NEW).context["form"]
    assert [a.name for a in form.fields["association"].queryset] == ["Alpha Verein", "Beta Verein"]


def test_the_list_shows_current_posts_only_and_owners_see_all_of_theirs(client):
    today = timezone.localdate()
    association, other = AssociationFactory(), AssociationFactory()
    current = make_post(other, title="Aktuell")
    expired = make_post(other, title="Abgelaufen")
    OfferPost.objects.filter(pk=expired.pk).update(valid_until=today - timedelta(days=1))
    last_day = make_post(other, title="Heute noch", valid_until=today)
    done = make_post(other, title="Erledigt")
    services.offer_post_done(post=done, by=done.author)
    hidden = make_post(association, title="Versteckt")
    services.offer_post_hide(post=hidden, by=None, reason="Keine Vereinssache")
    client.force_login(member_of(association))
    response = client.get(LIST)
    assert [post.title for post in response.context["posts"]] == ["Heute noch", "Aktuell"]
    assert [post.title for post in response.context["own_posts"]] == ["Versteckt"]
    assert {current.pk, last_day.pk} == {post.pk for post in response.context["posts"]}
    # Others do not find the hidden post at all; its association reads why.
    page = client.get(f"{LIST}{hidden.pk}/").content.decode()
    assert "Keine Vereinssache" in page
    client.force_login(member_of(other))
    assert client.get(f"{LIST}{hidden.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("kind=request", ["Dolmetschen Arabisch"]),
        ("category=equipment", ["Zelt in Hörde", "Beamer überall"]),
        ("language=ar", ["Dolmetschen Arabisch"]),
        # A post for all of Dortmund is in every district.
        ("district=hoerde", ["Zelt in Hörde", "Beamer überall"]),
        ("district=eving", ["Dolmetschen Arabisch", "Beamer überall"]),
        ("kind=offer&district=eving", ["Beamer überall"]),
    ],
)
def test_filters(client, query, titles):
    association = AssociationFactory()
    make_post(association, title="Beamer überall")
    make_post(
        association, title="Dolmetschen Arabisch", kind="request", category="interpreters",
        languages=["ar", "de"], district="eving",
    )  # fmt: skip
    make_post(association, title="Zelt in Hörde", district="hoerde")
    client.force_login(member_of(AssociationFactory()))
    response = client.get(f"{LIST}?{query}")
    assert [post.title for post in response.context["posts"]] == titles


def test_unknown_filter_values_show_an_error_not_a_crash(client):
    client.force_login(member_of(AssociationFactory()))
    response = client.get(f"{LIST}?category=<script>&language=xx")
    assert response.status_code == 200
    assert response.context["filter"].errors.keys() == {"category", "language"}
    assert "<script>" not in response.content.decode().split("<main")[1]


@pytest.mark.parametrize("rows", [1, 20])
def test_list_queries(client, django_assert_num_queries, rows):
    association = AssociationFactory()
    author = member_of(association)
    for n in range(rows):
        make_post(association, by=author, title=f"Post {n}", languages=["ar", "de"])
    client.force_login(member_of(AssociationFactory()))
    client.get(LIST)  # the session's first request loads more
    with django_assert_num_queries(8):
        response = client.get(f"{LIST}?language=ar")
    assert len(response.context["posts"]) == rows


# Answers


@pytest.mark.parametrize("share", [True, False])
def test_an_answer_reaches_every_contact_in_their_language(
    client, mailoutbox, django_capture_on_commit_callbacks, share
):
    association = AssociationFactory(name="Frauenverein Nordstadt")
    author = member_of(association, email="autorin@example.org", language="de")
    member_of(association, Membership.Role.ADMIN, email="admin@example.org", language="ar")
    post = make_post(association, by=author, title="Zelt zu verleihen")
    sender_association = AssociationFactory(name="Jugendverein Eving")
    sender = member_of(sender_association, email="fragt@example.org", name="Ali Demir")
    client.force_login(sender)
    data = {"message": "Wir bräuchten das Zelt im Juni."}
    if share:
        data["share_email"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LIST}{post.pk}/", data)
    assert response.status_code == 302
    assert [(m.to, m.reply_to) for m in mailoutbox] == [
        (["autorin@example.org"], ["fragt@example.org"] if share else []),
        (["admin@example.org"], ["fragt@example.org"] if share else []),
    ]
    german, arabic = mailoutbox
    assert german.subject == "[VMDO] Antwort auf Ihren Beitrag „Zelt zu verleihen“"
    assert "Ali Demir (Jugendverein Eving)" in german.body
    assert "Wir bräuchten das Zelt im Juni." in german.body
    assert f"/de/netzwerk/biete-suche/{post.pk}/" in german.body
    assert f"/ar/netzwerk/biete-suche/{post.pk}/" in arabic.body
    assert "fragt@example.org" not in german.body
    answer = OfferAnswer.objects.get()
    assert (answer.sender, answer.email_shared) == (sender, share)
    # The message is not kept.
    assert "Zelt im Juni" not in str(AuditEntry.objects.values_list("data", flat=True)[::1])


def test_an_association_without_accounts_gets_the_answer_at_its_contact_address(
    mailoutbox, django_capture_on_commit_callbacks
):
    association = AssociationFactory(email="kontakt@verein.example")
    post = make_post(association)
    Membership.objects.filter(association=association).delete()
    sender = member_of(AssociationFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_answer_send(post=post, by=sender, message="Hallo")
    assert [m.to for m in mailoutbox] == [["kontakt@verein.example"]]


def test_no_answers_to_expired_done_or_own_posts(client, mailoutbox):
    association = AssociationFactory()
    post = make_post(association)
    sender = member_of(AssociationFactory())
    with pytest.raises(Refused, match="eigenen Vereins"):
        services.offer_answer_send(post=post, by=post.author, message="Hallo")
    services.offer_post_done(post=post, by=post.author)
    with pytest.raises(Refused, match="nicht mehr geantwortet"):
        services.offer_answer_send(post=post, by=sender, message="Hallo")
    client.force_login(sender)
    assert client.post(f"{LIST}{post.pk}/", {"message": "Hallo"}).status_code == 404
    assert OfferAnswer.objects.count() == 0
    assert mailoutbox == []


def test_the_answer_limit_per_day(client, mailoutbox, django_capture_on_commit_callbacks):
    association = AssociationFactory()
    post = make_post(association)
    client.force_login(member_of(AssociationFactory()))
    with django_capture_on_commit_callbacks(execute=True):
        for _n in range(ANSWERS_PER_DAY):
            assert client.post(f"{LIST}{post.pk}/", {"message": "Hallo"}).status_code == 302
        response = client.post(f"{LIST}{post.pk}/", {"message": "Noch eins"})
    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "Sie haben das heutige Limit von 20 erreicht. Bitte versuchen Sie es morgen wieder."
    ]
    assert OfferAnswer.objects.count() == ANSWERS_PER_DAY
    assert len(mailoutbox) == ANSWERS_PER_DAY  # one contact


def test_the_post_limit_per_day(client):
    association = AssociationFactory()
    client.force_login(member_of(association))
    for _n in range(POSTS_PER_DAY):
        assert client.post(NEW, post_data(association)).status_code == 302
    response = client.post(NEW, post_data(association))
    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "Sie haben das heutige Limit von 5 erreicht. Bitte versuchen Sie es morgen wieder."
    ]
    assert OfferPost.objects.count() == POSTS_PER_DAY


# Owners


def test_owners_edit_mark_done_reopen_and_delete(client):
    association = AssociationFactory()
    post = make_post(association, languages=["de"])
    colleague = member_of(association, Membership.Role.ADMIN)
    client.force_login(colleague)
    url = f"{LIST}{post.pk}/"
    response = client.post(f"{url}bearbeiten/", post_data(title="Zwei Beamer"))
    assert response["Location"] == url
    post.refresh_from_db()
    assert (post.title, post.category, post.language_codes) == (
        "Zwei Beamer", "interpreters", ["ar", "fa"],
    )  # fmt: skip
    client.post(f"{url}erledigt/")
    post.refresh_from_db()
    assert post.status == "done"
    assert list(client.get(LIST).context["posts"]) == []
    client.post(f"{url}wieder-offen/")
    post.refresh_from_db()
    assert post.status == "open"
    assert client.post(f"{url}loeschen/")["Location"] == LIST
    assert OfferPost.objects.count() == 0
    assert list(AuditEntry.objects.filter(object_id=post.pk).values_list("action", flat=True)) == [
        "offer.deleted",
        "offer.reopened",
        "offer.done",
        "offer.changed",
        "offer.created",
    ]


# Reports and moderation


def test_a_report_waits_in_the_back_office_until_staff_hide_the_post(client, sign_in_as_staff):
    from vmdo_portal.backoffice import waiting_for
    from vmdo_portal.staff_groups import REDAKTION

    association = AssociationFactory()
    post = make_post(association)
    client.force_login(member_of(AssociationFactory()))
    client.post(f"{LIST}{post.pk}/melden/", {"reason": "Das ist Werbung."})
    report = OfferReport.objects.get()
    assert (report.post, report.reason, report.handled_at) == (post, "Das ist Werbung.", None)
    client.logout()
    sign_in_as_staff("staff_with_permission", REDAKTION)
    index = client.get("/verwaltung/")
    rows = [row for row in waiting_for(index.wsgi_request) if row["key"] == "network_offer_reports"]
    assert [(row["count"], row["url"]) for row in rows] == [
        (1, "/verwaltung/network/offerreport/?handled_at__isempty=1")
    ]
    assert client.get(rows[0]["url"]).status_code == 200
    changelist = "/verwaltung/network/offerpost/"
    page = client.post(changelist, {"action": "hide", "_selected_action": [post.pk]})
    assert page.status_code == 200  # asks for the reason
    client.post(changelist, {"action": "hide", "_selected_action": [post.pk], "reason": "Werbung"})
    post.refresh_from_db()
    report.refresh_from_db()
    assert (post.hidden, post.hidden_reason, report.handled_at is not None) == (
        True, "Werbung", True,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="offer.hidden")
    assert entry.data == {"reason": "Werbung"}
    client.post(changelist, {"action": "unhide", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert (post.hidden, post.hidden_reason) == (False, "")


def test_staff_without_the_second_factor_cannot_hide(client, sign_in_as_staff):
    from vmdo_portal.staff_groups import REDAKTION

    post = make_post(AssociationFactory())
    sign_in_as_staff("staff_2fa_not_used", REDAKTION)
    client.post(
        "/verwaltung/network/offerpost/",
        {"action": "hide", "_selected_action": [post.pk], "reason": "Werbung"},
    )
    post.refresh_from_db()
    assert post.hidden is False


def test_hiding_needs_a_reason():
    post = make_post(AssociationFactory())
    with pytest.raises(Refused, match="Grund an"):
        services.offer_post_hide(post=post, by=None, reason="  ")
    post.refresh_from_db()
    assert post.hidden is False


# Start page, personal data


def test_new_posts_are_news_on_the_start_page(client):
    association = AssociationFactory()
    make_post(association, title="Neu im Netzwerk")
    old = make_post(association, title="Schon gesehen")
    OfferPost.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    client.force_login(member_of(AssociationFactory()))
    page = client.get("/de/netzwerk/").content.decode()
    assert "1 neues Angebot oder Gesuch" in page
    assert "Neu im Netzwerk" in page
    assert "Schon gesehen" not in page


def test_the_news_is_none_without_new_posts(rf):
    from network.offers.register import news

    assert news(rf.get("/"), timezone.now()) is None


def test_personal_data_export_and_erase_keep_the_posts_with_the_association():
    association = AssociationFactory(name="Alpha Verein")
    author = member_of(association)
    post = make_post(association, by=author, title="Beamer", languages=["de"])
    other = make_post(AssociationFactory(name="Beta Verein"), title="Zelt")
    services.offer_answer_send(post=other, by=author, message="Geheim", share_email=True)
    services.offer_report(post=other, by=author, reason="Doppelt")
    data = personal_data.collect(author)["network.offers"]
    assert [p["title"] for p in data["posts"]] == ["Beamer"]
    assert data["posts"][0]["languages"] == ["de"]
    assert [(a["post"], a["association"], a["email_shared"]) for a in data["answers_sent"]] == [
        ("Zelt", "Beta Verein", True)
    ]
    assert "Geheim" not in str(data)
    assert [(r["post"], r["reason"]) for r in data["reports"]] == [("Zelt", "Doppelt")]
    personal_data.erase(author)
    post.refresh_from_db()
    assert (post.association, post.author) == (association, None)
    assert OfferAnswer.objects.count() == 0
    assert OfferReport.objects.get().reporter is None


def test_a_deleted_account_leaves_no_trace_on_the_page(client):
    association = AssociationFactory()
    author = member_of(association, name="Erika Muster")
    post = make_post(association, by=author)
    personal_data.erase(author)
    client.force_login(member_of(AssociationFactory()))
    response = client.get(f"{LIST}{post.pk}/")
    assert response.status_code == 200
    assert "Erika Muster" not in response.content.decode()


def test_nobody_s_email_address_is_shown(client):
    association = AssociationFactory(email="verein@example.org")
    post = make_post(association, by=member_of(association, email="autor@example.org"))
    client.force_login(member_of(AssociationFactory()))
    for url in (LIST, f"{LIST}{post.pk}/"):
        page = client.get(url).content.decode()
        assert "example.org" not in page.split("<main")[1]


def test_demo_data_shows_offers_and_requests_of_several_kinds(settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    posts = OfferPost.objects.all()
    today = timezone.localdate()
    assert posts.count() == 6
    assert set(posts.values_list("kind", flat=True)) == {"offer", "request"}
    assert len(set(posts.values_list("association", flat=True))) == 2
    assert [p.title for p in posts.filter(status="done")] == [
        "Ehrenamtliche für Sommerfest (Beispiel)"
    ]
    assert [p.title for p in posts.filter(valid_until__lt=today)] == [
        "Beratung zur Vereinsbuchhaltung (Beispiel)"
    ]
    assert OfferPost.objects.current().count() == 4


def test_members_find_offers_by_words_in_the_list_and_the_site_search(client):
    association = AssociationFactory(name="Elternverein Hörde")
    poster = member_of(association)
    services.offer_post_create(
        by=poster,
        association=association,
        kind="offer",
        category="equipment",
        title="Beamer zu verleihen",
        text="Für Vorträge im Haus der Vielfalt.",
        valid_until=timezone.localdate() + timedelta(days=30),
    )
    services.offer_post_create(
        by=poster,
        association=association,
        kind="request",
        category="volunteers",
        title="Helfende gesucht",
        text="Für unser Sommerfest.",
        valid_until=timezone.localdate() + timedelta(days=30),
    )
    client.force_login(member_of(AssociationFactory()))
    listed = client.get("/de/netzwerk/biete-suche/", {"q": "vortraege"}).context["posts"]
    assert [post.title for post in listed] == ["Beamer zu verleihen"]
    response = client.get("/de/suche/", {"q": "Sommerfest"})
    assert [
        (group.key, [item.title for item in group.items])
        for area in response.context["results"].areas
        for group in area.groups
    ] == [("network-offers", ["Helfende gesucht"])]
    assert 'href="/de/netzwerk/biete-suche/?q=Sommerfest"' in response.content.decode()
    client.logout()
    page = client.get("/de/suche/", {"q": "Sommerfest"}).content.decode()
    assert "Helfende gesucht" not in page
