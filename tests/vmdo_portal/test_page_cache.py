"""Anonymous pages come from the shared cache until the content behind them changes."""

import pytest
from django.test import Client

from members import selectors, services
from tests.factories import PASSWORD, AssociationFactory, UserFactory
from vmdo_portal.models import Page

pytestmark = pytest.mark.django_db


def test_second_anonymous_view_is_served_from_the_cache(client, django_assert_num_queries):
    AssociationFactory(name="Im Cache")
    first = client.get("/de/vereine/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/de/vereine/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Language"] == "de"


def test_each_language_and_query_has_its_own_entry(client):
    client.get("/de/vereine/")
    assert client.get("/ar/vereine/")["X-Page-Cache"] == "miss"
    assert client.get("/de/vereine/?district=eving")["X-Page-Cache"] == "miss"
    assert client.get("/de/vereine/?district=eving")["X-Page-Cache"] == "hit"


def test_an_edit_shows_at_once(client):
    association = AssociationFactory(name="Alter Name", trusted=True)
    assert "Alter Name" in client.get("/de/vereine/").content.decode()
    editor = UserFactory()
    data = selectors.profile_values(association)
    data["name"] = "Neuer Name"
    services.association_profile_update(
        association=association, by=editor, data=data, expected_version=association.version
    )
    response = client.get("/de/vereine/")
    assert response["X-Page-Cache"] == "miss"
    assert "Neuer Name" in response.content.decode()


def test_a_login_leaves_the_cached_pages_but_a_name_change_refreshes_them(client):
    association = AssociationFactory(name="Alter Name", trusted=True)
    editor = UserFactory(email="anmelden@example.org")
    assert client.get("/de/vereine/")["X-Page-Cache"] == "miss"
    signed_in = Client()
    response = signed_in.post("/de/konto/login/", {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.last_login is not None
    assert client.get("/de/vereine/")["X-Page-Cache"] == "hit"

    data = services.profile_values(association)
    data["name"] = "Neuer Name"
    services.association_profile_update(
        association=association, by=editor, data=data, expected_version=association.version
    )
    response = client.get("/de/vereine/")
    assert response["X-Page-Cache"] == "miss"
    assert "Neuer Name" in response.content.decode()


def test_an_admin_edit_of_a_page_shows_at_once(client):
    client.get("/de/ueber-uns/")
    page = Page.objects.get(key="about")
    page.title_de = "Geändert"
    page.save()
    assert "<h1>Geändert</h1>" in client.get("/de/ueber-uns/").content.decode()


def test_signed_in_people_never_get_shared_pages(client):
    client.get("/de/vereine/")
    client.force_login(UserFactory())
    response = client.get("/de/vereine/")
    assert "X-Page-Cache" not in response
    assert "Abmelden" in response.content.decode()


def test_pages_with_forms_are_not_stored(client):
    client.get("/de/mitglied-werden/")
    assert "X-Page-Cache" not in client.get("/de/mitglied-werden/")


def test_a_hit_is_one_round_trip_to_the_cache(client, monkeypatch):
    """One call (a single MGET on Redis); calls made inside it by the backend don't count."""
    from django.core.cache import cache

    client.get("/de/vereine/")
    calls, depth = [], [0]

    def recorded(name, original):
        def call(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "add", "set", "incr"):
        monkeypatch.setattr(cache, name, recorded(name, getattr(cache, name)))
    assert client.get("/de/vereine/")["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]


def test_a_page_rendered_while_the_content_changed_is_not_served_afterwards(rf):
    """The entry carries the version read before rendering, so it is stale at once."""
    from django.http import HttpResponse

    from vmdo_portal.page_cache import anonymous_page_cache, content_changed

    def edited_while_rendering(request):
        content_changed()
        return HttpResponse("old text")

    anonymous_page_cache(edited_while_rendering)(rf.get("/de/vereine/"))
    second = anonymous_page_cache(lambda request: HttpResponse("new text"))(rf.get("/de/vereine/"))
    assert second.content == b"new text"
    assert second["X-Page-Cache"] == "miss"
    third = anonymous_page_cache(lambda request: HttpResponse("never"))(rf.get("/de/vereine/"))
    assert (third.content, third["X-Page-Cache"]) == (b"new text", "hit")


# Differ from response to response by nature.
PER_RESPONSE_HEADERS = {"Date", "X-Page-Cache", "X-Request-ID"}


def test_a_hit_carries_exactly_the_headers_of_a_miss_on_every_page_type(client, public_paths):
    for page_type, path in public_paths.items():
        miss = client.get(path)
        hit = client.get(path)
        assert (page_type, miss.status_code, miss["X-Page-Cache"]) == (page_type, 200, "miss")
        assert (page_type, hit["X-Page-Cache"]) == (page_type, "hit")
        assert (page_type, hit.content) == (page_type, miss.content)
        fresh = {k: v for k, v in miss.headers.items() if k not in PER_RESPONSE_HEADERS}
        cached = {k: v for k, v in hit.headers.items() if k not in PER_RESPONSE_HEADERS}
        assert (page_type, cached) == (page_type, fresh)
        assert hit["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
