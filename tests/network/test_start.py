"""The members' network area: who gets in, the start page, "new since your last visit"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Association, Membership
from network.models import LastVisit
from network.services import FIRST_VISIT_LOOKBACK, SAME_VISIT, last_visit_touch
from tests.factories import AssociationFactory, UserFactory, member_of
from tests.network.conftest import NETWORK_ROLES, expected
from vmdo_portal import personal_data

pytestmark = pytest.mark.django_db

START = "/de/netzwerk/"


@pytest.mark.parametrize(("role", "status"), expected(200).items(), ids=NETWORK_ROLES)
def test_who_enters_the_network(network_as, role, status):
    client, _user, _association = network_as(role)
    response = client.get(START)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"] == "/de/konto/login/?next=/de/netzwerk/"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_start_page_only_answers_reads(network_as, method):
    client, _user, _association = network_as("editor")
    assert getattr(client, method)(START).status_code == 405


def test_former_members_are_outside(client):
    former = AssociationFactory(status=Association.Status.FORMER)
    client.force_login(member_of(former, Membership.Role.ADMIN))
    assert client.get(START).status_code == 404


def test_the_header_and_dashboard_link_to_the_area_only_for_people_inside(client):
    association = AssociationFactory()
    outsider = UserFactory()
    client.force_login(outsider)
    assert 'href="/de/netzwerk/"' not in client.get("/de/mein-verein/").content.decode()
    client.force_login(member_of(association))
    page = client.get("/de/mein-verein/").content.decode()
    # Once in the header, once on the dashboard.
    assert page.count('href="/de/netzwerk/"') == 2


def test_the_start_page_in_arabic_names_the_persons_associations(client):
    association = AssociationFactory(name="Deutsch-Syrischer Kulturverein")
    client.force_login(member_of(association))
    page = client.get("/ar/netzwerk/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert 'href="/ar/mein-verein/deutsch-syrischer-kulturverein/"' in page


def test_new_since_the_last_visit_moves_on_with_each_visit():
    user = UserFactory()
    first = last_visit_touch(user=user)
    visit = LastVisit.objects.get(user=user)
    assert visit.current - first == FIRST_VISIT_LOOKBACK
    # Within the same visit nothing moves.
    assert last_visit_touch(user=user) == visit.current - FIRST_VISIT_LOOKBACK
    earlier = timezone.now() - SAME_VISIT - timedelta(minutes=1)
    LastVisit.objects.filter(user=user).update(current=earlier)
    assert last_visit_touch(user=user) == earlier
    visit.refresh_from_db()
    assert visit.previous == earlier
    assert timezone.now() - visit.current < timedelta(seconds=5)


def test_the_last_visit_is_in_the_personal_data_and_erased_with_the_account():
    user = UserFactory()
    last_visit_touch(user=user)
    current = LastVisit.objects.get(user=user).current
    assert personal_data.collect(user)["network"] == {"last_visit": current.isoformat()}
    user_id = user.pk
    personal_data.erase(user)
    assert LastVisit.objects.filter(user_id=user_id).count() == 0


@pytest.mark.parametrize("rows", [1, 20])
def test_the_start_page_asks_the_same_queries_however_much_is_new(
    client, django_assert_num_queries, rows
):
    from events.models import Event
    from tests.factories import make_event
    from tests.network.library import make_resource
    from tests.network.offers_helpers import make_post
    from tests.network.test_circulars_pages import circular

    association = AssociationFactory()
    office = UserFactory(is_staff=True)
    for number in range(rows):
        make_resource(association=association, title=f"Leitfaden {number}")
        make_post(association, title=f"Beamer {number}")
        circular(f"Rundschreiben {number}")
        make_event(
            by=office,
            title=f"Schulung {number}",
            audience=Event.Audience.MEMBERS,
            organised_by_vmdo=True,
        )
    client.force_login(member_of(association))
    client.get(START)  # the first visit is recorded; the second one reads the same news
    with django_assert_num_queries(12):
        response = client.get(START)
    page = response.content.decode()
    for kind in ["Leitfaden", "Beamer", "Rundschreiben", "Schulung"]:
        assert f"{kind} 0" in page or f"{kind} {rows - 1}" in page
