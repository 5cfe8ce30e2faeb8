"""The network's trainings and circulars in the site search: a group for people inside
the area, nothing for visitors and outsiders, never among the public events."""

import pytest

from events.models import Event
from tests.factories import AssociationFactory, UserFactory, make_event, member_of
from tests.network.test_circulars_pages import circular

pytestmark = pytest.mark.django_db

SEARCH = "/de/suche/"


def network_groups(response):
    return [
        (group.key, [str(item) for item in group.items])
        for area in response.context["results"].areas
        for group in area.groups
    ]


@pytest.fixture
def content():
    make_event(
        by=UserFactory(is_staff=True),
        title="Fördermittel beantragen",
        audience=Event.Audience.MEMBERS,
        organised_by_vmdo=True,
    )
    circular("Fördermittel 2027: neue Fristen")
    circular("Fördermittel Entwurf", sent=False)


def test_members_find_trainings_and_sent_circulars(client, content):
    client.force_login(member_of(AssociationFactory()))
    response = client.get(SEARCH, {"q": "Fördermittel"})
    assert network_groups(response) == [
        ("network-trainings", ["Fördermittel beantragen"]),
        ("network-circulars", ["Fördermittel 2027: neue Fristen"]),
    ]
    assert response.context["results"].groups == []  # nothing public
    html = response.content.decode()
    assert 'href="/de/netzwerk/qualifizierung/"' in html
    assert 'href="/de/netzwerk/rundschreiben/"' in html


@pytest.mark.parametrize("who", ["visitor", "outsider"])
def test_visitors_and_outsiders_find_nothing_of_them(client, content, who):
    if who == "outsider":
        client.force_login(UserFactory())
    response = client.get(SEARCH, {"q": "Fördermittel"})
    assert (response.context["results"].groups, response.context["results"].areas) == ([], [])
    assert "Fördermittel beantragen" not in response.content.decode()
