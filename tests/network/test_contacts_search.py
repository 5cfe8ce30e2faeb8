"""The site search and the network: visitors never see network content; people inside
see it in a group of its own ("Aus dem Netzwerk"), the contact list as its first source."""

import pytest

from members.models import Membership
from network.contacts import search as contacts_search
from network.models import ContactListing
from tests.factories import AssociationFactory, member_of
from tests.network.conftest import NETWORK_ROLES, expected
from tests.network.contacts_helpers import listed
from vmdo_portal import search

pytestmark = pytest.mark.django_db

SEARCH = "/de/suche/"


def found(response):
    """(area label, [(group key, count, [names])]) of the closed areas shown."""
    return [
        (
            str(area.label),
            [
                (group.key, group.count, [item.name for item in group.items])
                for group in area.groups
            ],
        )
        for area in response.context["results"].areas
    ]


NETWORK_GROUP = [("Aus dem Netzwerk", [("network-contacts", 1, ["Leyla Aydın"])])]


@pytest.mark.parametrize(
    ("role", "shown"),
    expected(NETWORK_GROUP, anonymous=[]).items(),
    ids=NETWORK_ROLES,
)
def test_who_sees_network_results_in_the_site_search(network_as, role, shown):
    client, _user, association = network_as(role)
    listed(association, "Leyla Aydın", role="Vorsitzende")
    response = client.get(SEARCH, {"q": "Vorsitzende"})
    assert response.status_code == 200
    assert found(response) == (shown if shown != 404 else [])
    html = response.content.decode()
    if shown == NETWORK_GROUP:
        assert '<h3 id="area-network">Aus dem Netzwerk</h3>' in html
        assert 'href="/de/netzwerk/kontakte/?q=Leyla+Ayd%C4%B1n"' in html
        assert response.context["results"].count == 1
    else:
        assert "Leyla" not in html
        assert "Aus dem Netzwerk" not in html


def test_a_visitor_and_an_outsider_find_nothing_of_the_network(client):
    association = AssociationFactory(name="Nordverein")
    listed(association, "Leyla Aydın", role="Vorsitzende")
    for query in ["Leyla", "Vorsitzende", "Aydin"]:
        response = client.get(SEARCH, {"q": query})
        assert (response.context["results"].count, found(response)) == (0, [])


def test_members_find_people_by_name_role_and_association_folded():
    association = AssociationFactory(name="Türkischer Elternverein")
    other = AssociationFactory(name="Sportfreunde")
    leyla = listed(association, "Leyla Aydın", role="Vorsitzende")
    Membership.objects.create(user=leyla, association=other)
    listed(other, "Omar Said", role="Trainer")
    user = member_of(other)

    def names(query):
        group = search.site_search(query, user=user, request=_request(user)).areas
        return [item.name for item in group[0].groups[0].items] if group else []

    assert names("aydin") == ["Leyla Aydın"]
    assert names("vorsitzende") == ["Leyla Aydın"]
    assert names("tuerkischer") == ["Leyla Aydın"]
    assert names("sportfreunde") == ["Leyla Aydın", "Omar Said"]
    assert names("leyla sportfreunde") == ["Leyla Aydın"]
    # Typos in names (PostgreSQL's trigrams).
    assert names("Leylaa") == ["Leyla Aydın"]
    item = search.site_search("omar", user=user, request=_request(user)).areas[0].groups[0].items[0]
    assert item.association_names == "Sportfreunde"
    leyla_item = (
        search.site_search("leyla", user=user, request=_request(user)).areas[0].groups[0].items[0]
    )
    assert leyla_item.association_names == "Sportfreunde, Türkischer Elternverein"


def test_people_who_did_not_agree_or_withdrew_are_not_found(client):
    association = AssociationFactory()
    user = listed(association, "Leyla Aydın")
    ContactListing.objects.filter(user=user).update(visible=False, consented_at=None)
    client.force_login(member_of(association))
    assert found(client.get(SEARCH, {"q": "Leyla"})) == []


def test_a_member_with_nothing_else_found_sees_the_network_group_not_the_empty_page(client):
    association = AssociationFactory()
    listed(association, "Leyla Aydın")
    client.force_login(member_of(association))
    html = client.get(SEARCH, {"q": "Leyla"}).content.decode()
    assert "Nichts gefunden" not in html
    assert "1 Ergebnis" in html


@pytest.mark.parametrize("rows", [1, 20])
def test_member_search_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    association = AssociationFactory()
    for number in range(rows):
        listed(AssociationFactory(), f"Zirkus Person {number}")
    client.force_login(member_of(association))
    with django_assert_num_queries(14):
        response = client.get(SEARCH, {"q": "zirkus"})
    assert found(response)[0][1][0][1] == rows


def test_the_registry_asks_the_area_only_for_signed_in_people_and_in_order():
    calls = []

    def admits(request):
        calls.append(request.user)
        return True

    def first(query, query_words, now, user):
        return search.Group("test-first", "First", [query], 1, template="x.html")

    def second(query, query_words, now, user):
        return None

    search.area_register("test-area", "Test area", admits=admits)
    search.source_register("test-area", second, order=2)
    search.source_register("test-area", first, order=1)
    search.source_register("test-area", first, order=1)  # idempotent
    try:
        assert search.site_search("zirkus", request=_request(None)).areas == []
        assert calls == []
        member = member_of(AssociationFactory())
        areas = [
            area
            for area in search.site_search("zirkus", request=_request(member)).areas
            if area.key == "test-area"
        ]
        assert [(area.label, [group.key for group in area.groups]) for area in areas] == [
            ("Test area", ["test-first"])
        ]
        assert calls == [member]
    finally:
        search._areas.pop("test-area")
        search._sources.pop("test-area")


def test_the_contacts_source_is_registered_for_the_network():
    assert search._sources["network"][contacts_search.contacts] == 30


def _request(user):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get(SEARCH)
    request.user = user or AnonymousUser()
    request.session = {}
    return request
