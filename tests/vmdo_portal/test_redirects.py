"""Redirect targets from the request (`?next=`) never lead off the site (issue 11, point 2)."""

from urllib.parse import quote

import pytest

from tests.factories import PASSWORD, sign_in_with_second_factor, staff_in, totp_code, totp_enable
from vmdo_portal.staff_groups import ADMINISTRATION

pytestmark = pytest.mark.django_db

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "https:evil.example",
    "///evil.example/",
    "/\\evil.example/",
    "http://testserver.evil.example/",
]


def q(url):
    return quote(url, safe="")


@pytest.fixture
def office(db):
    return staff_in(ADMINISTRATION)


# --- the back office's login (/verwaltung/login/) ------------------------------------


@pytest.mark.parametrize("target", HOSTILE)
def test_admin_login_sends_strangers_to_sign_in_with_the_back_office_as_next(client, target):
    response = client.get(f"/verwaltung/login/?next={q(target)}")
    assert response.headers["Location"] == "/de/konto/login/?next=%2Fverwaltung%2F"


@pytest.mark.parametrize("target", HOSTILE)
def test_admin_login_of_signed_in_staff_stays_in_the_back_office(client, office, target):
    sign_in_with_second_factor(client, office)
    response = client.get(f"/verwaltung/login/?next={q(target)}")
    assert response.headers["Location"] == "/verwaltung/"


@pytest.mark.parametrize("target", HOSTILE)
def test_admin_login_asks_for_an_authenticator_with_a_safe_next(client, office, target):
    client.force_login(office)
    response = client.get(f"/verwaltung/login/?next={q(target)}")
    assert response.headers["Location"] == "/de/konto/2fa/totp/activate/?next=%2Fverwaltung%2F"


@pytest.mark.parametrize("target", HOSTILE)
def test_admin_login_asks_for_the_code_with_a_safe_next(client, office, target):
    totp_enable(office)
    client.force_login(office)  # a session without the second factor
    response = client.get(f"/verwaltung/login/?next={q(target)}")
    assert response.headers["Location"] == "/de/konto/2fa/reauthenticate/?next=%2Fverwaltung%2F"


def test_admin_login_keeps_a_local_next(client, office):
    sign_in_with_second_factor(client, office)
    response = client.get("/verwaltung/login/?next=/verwaltung/vmdo_portal/page/")
    assert response.headers["Location"] == "/verwaltung/vmdo_portal/page/"
    assert client.get(response.headers["Location"]).status_code == 200


def test_the_code_asked_by_the_admin_login_opens_the_back_office(client, office):
    """Signed in before the authenticator was set up: one code, then the back office."""
    client.post("/de/konto/login/", {"login": office.email, "password": PASSWORD})
    secret = totp_enable(office)
    assert client.get("/verwaltung/").status_code == 302
    ask = client.get("/verwaltung/login/?next=/verwaltung/")
    assert ask.headers["Location"] == "/de/konto/2fa/reauthenticate/?next=%2Fverwaltung%2F"
    response = client.post(ask.headers["Location"], {"code": totp_code(secret)})
    assert response.headers["Location"] == "/verwaltung/"
    assert client.get("/verwaltung/").status_code == 200


# --- allauth's own views (through AccountAdapter.is_safe_url) --------------------------


@pytest.mark.parametrize("target", HOSTILE)
def test_login_with_a_hostile_next_lands_on_the_home_page(client, user, target):
    response = client.post(
        f"/de/konto/login/?next={q(target)}",
        {"login": user.email, "password": PASSWORD, "next": target},
    )
    assert response.headers["Location"] == "/de/"


@pytest.mark.parametrize("target", HOSTILE)
def test_two_factor_login_with_a_hostile_next_lands_on_the_home_page(client, user, target):
    secret = totp_enable(user)
    client.post(
        f"/de/konto/login/?next={q(target)}",
        {"login": user.email, "password": PASSWORD, "next": target},
    )
    response = client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.headers["Location"] == "/de/"


@pytest.mark.parametrize("target", HOSTILE)
def test_logout_with_a_hostile_next_lands_on_the_home_page(client, user, target):
    client.force_login(user)
    response = client.post(f"/de/konto/logout/?next={q(target)}", {"next": target})
    assert response.headers["Location"] == "/de/"


@pytest.mark.parametrize("target", HOSTILE)
def test_reauthentication_with_a_hostile_next_stays_on_the_site(client, user, target):
    client.force_login(user)
    response = client.post(
        f"/de/konto/reauthenticate/?next={q(target)}", {"password": PASSWORD, "next": target}
    )
    assert response.headers["Location"] == "/de/"


def test_login_keeps_a_local_next(client, user):
    response = client.post(
        "/de/konto/login/?next=/de/vereine/",
        {"login": user.email, "password": PASSWORD, "next": "/de/vereine/"},
    )
    assert response.headers["Location"] == "/de/vereine/"


def test_a_secure_login_does_not_hand_over_to_plain_http(client, user):
    """allauth asks the portal's check, which also refuses a downgrade to http."""
    response = client.post(
        "/de/konto/login/",
        {"login": user.email, "password": PASSWORD, "next": "http://testserver/de/vereine/"},
        secure=True,
    )
    assert response.headers["Location"] == "/de/"


def test_the_redirect_check_accepts_only_this_site(rf):
    from vmdo_portal.redirects import is_safe_redirect

    request = rf.get("/", secure=True)
    assert [is_safe_redirect(request, url) for url in [*HOSTILE, "", None]] == [False] * 8
    assert is_safe_redirect(request, "/de/vereine/?seite=2") is True
    assert is_safe_redirect(request, "https://testserver/de/") is True
