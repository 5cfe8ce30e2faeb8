"""After sign-in, people with a membership land on "Mein Verein" (issue 14)."""

import pytest

from members.models import Membership
from tests.factories import (
    PASSWORD,
    AssociationFactory,
    UserFactory,
    member_of,
    staff_in,
    totp_code,
    totp_enable,
)

pytestmark = pytest.mark.django_db


def sign_in(client, user, next_url=None):
    url = "/de/konto/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": PASSWORD})


def test_one_membership_lands_on_that_associations_dashboard(client):
    person = member_of(AssociationFactory(name="Brückenbauer e.V.", slug="brueckenbauer"))
    assert sign_in(client, person).headers["Location"] == "/de/mein-verein/brueckenbauer/"


def test_several_memberships_land_on_the_list_of_associations(client):
    person = member_of(AssociationFactory(name="Brückenbauer e.V."))
    Membership.objects.create(
        user=person, association=AssociationFactory(), role=Membership.Role.ADMIN
    )
    assert sign_in(client, person).headers["Location"] == "/de/mein-verein/"


def test_no_membership_lands_on_the_home_page(client):
    assert sign_in(client, UserFactory()).headers["Location"] == "/de/"


def test_after_the_code_staff_without_membership_go_home_staff_with_one_to_it(client):
    office = staff_in("Administration")
    secret = totp_enable(office)
    sign_in(client, office)
    code = client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret)})
    assert code.headers["Location"] == "/de/"
    client.logout()
    Membership.objects.create(
        user=office, association=AssociationFactory(slug="brueckenbauer"), role="editor"
    )
    sign_in(client, office)
    code = client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret, 1)})
    assert code.headers["Location"] == "/de/mein-verein/brueckenbauer/"


def test_a_safe_next_wins_an_unsafe_one_is_ignored(client):
    person = member_of(AssociationFactory(slug="brueckenbauer"))
    assert sign_in(client, person, "/de/veranstaltungen/").headers["Location"] == (
        "/de/veranstaltungen/"
    )
    client.logout()
    assert sign_in(client, person, "https://evil.example/").headers["Location"] == (
        "/de/mein-verein/brueckenbauer/"
    )
