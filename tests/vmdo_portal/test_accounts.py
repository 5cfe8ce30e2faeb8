"""Accounts (django-allauth): login by email, verification, reset, rate limit, 2FA, admin."""

import re
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core import mail

from tests.factories import PASSWORD, UserFactory, login_with_totp, totp_code, totp_enable
from vmdo_portal.models import Page, User

pytestmark = pytest.mark.django_db

LOGIN = "/de/konto/login/"


def login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def first_link(message) -> str:
    return re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body).group(1)


def test_login_with_email_and_password(client, user):
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/de/"
    assert client.get("/de/").context["user"] == user


def test_login_is_case_insensitive_for_the_email(client, user):
    response = login(client, user.email.upper())
    assert response.status_code == 302


def test_wrong_password_is_refused_with_a_translated_message(client, user):
    response = login(client, user.email, "wrong-password")
    assert response.status_code == 200
    assert "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"login": "", "password": ""},
        {"login": "not-an-email", "password": "x"},
        {"login": "<script>alert(1)</script>@example.org", "password": "x"},
        {"login": "a" * 5000 + "@example.org", "password": "x" * 5000},
    ],
)
def test_bad_login_input_is_refused(client, user, data):
    response = client.post(LOGIN, data)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unverified_email_gets_a_verification_mail_instead_of_a_session(client):
    user = UserFactory(email_verified=False, email="neu@example.org")
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/de/konto/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert message.subject.startswith("[VMDO] ")

    confirm_page = client.get(first_link(message))
    assert confirm_page.status_code == 200
    client.post(first_link(message))
    assert EmailAddress.objects.get(email="neu@example.org").verified is True
    assert login(client, user.email).headers["Location"] == "/de/"


def test_logout(client, user):
    client.force_login(user)
    response = client.post("/de/konto/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, user):
    response = client.post("/de/konto/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = first_link(mail.outbox[0])
    form_url = client.get(link).headers["Location"]  # allauth hides the key from the URL
    response = client.post(
        form_url, {"password1": "a-brand-new-passphrase-7", "password2": "a-brand-new-passphrase-7"}
    )
    assert response.status_code == 302
    assert login(client, user.email, PASSWORD).status_code == 200
    assert login(client, user.email, "a-brand-new-passphrase-7").status_code == 302


def test_password_reset_for_unknown_email_sends_no_reset_link(client):
    response = client.post("/de/konto/password/reset/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert User.objects.count() == 0
    # allauth tells the unknown address, without revealing accounts to the requester.
    assert [m for m in mail.outbox if "password/reset/key" in m.body] == []


def test_a_used_reset_link_does_not_work_twice(client, user):
    client.post("/de/konto/password/reset/", {"email": user.email})
    link = first_link(mail.outbox[0])
    form_url = client.get(link).headers["Location"]
    client.post(
        form_url, {"password1": "new-passphrase-one-1", "password2": "new-passphrase-one-1"}
    )
    again = client.get(link, follow=True)
    assert "Ungültiges Token" in again.content.decode() or "ungültig" in again.content.decode()
    assert login(client, user.email, "new-passphrase-one-1").status_code == 302


def test_failed_logins_are_rate_limited(client, user):
    for _attempt in range(5):
        login(client, user.email, "wrong-password")
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert "Zu viele gescheiterte Anmeldeversuche" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_public_sign_up_is_closed(client):
    response = client.get("/de/konto/signup/")
    assert response.status_code == 200
    client.post(
        "/de/konto/signup/",
        {
            "email": "x@example.org",
            "password1": "a-long-passphrase-9",
            "password2": "a-long-passphrase-9",
        },
    )
    assert User.objects.count() == 0


def test_two_factor_login_asks_for_the_code(client, user):
    secret = totp_enable(user)
    response = login(client, user.email)
    assert response.headers["Location"] == "/de/konto/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    wrong = client.post("/de/konto/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(("offset", "accepted"), [(-1, True), (1, True), (-2, False)])
def test_a_code_typed_as_it_changes_still_counts_but_an_old_one_does_not(
    client, user, offset, accepted
):
    secret = totp_enable(user)
    login(client, user.email)
    response = client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret, offset)})
    assert (response.status_code == 302) is accepted
    assert ("_auth_user_id" in client.session) is accepted


def test_anonymous_visitors_are_sent_to_the_portal_login(client):
    response = client.get("/verwaltung/", follow=True)
    assert response.redirect_chain[-1][0] == "/de/konto/login/?next=%2Fverwaltung%2F"


def test_the_admins_own_password_form_cannot_skip_two_factor(client, staff_with_totp):
    response = client.post(
        "/verwaltung/login/", {"username": staff_with_totp.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_without_two_factor_must_set_it_up_first(client, staff_user):
    login(client, staff_user.email)
    response = client.get("/verwaltung/", follow=True)
    # Just signed in: the set-up, without asking for the password again.
    assert [url for url, _status in response.redirect_chain] == [
        "/verwaltung/login/?next=/verwaltung/",
        "/de/konto/2fa/totp/activate/?next=%2Fverwaltung%2F",
    ]
    assert (
        "Bitte richten Sie die Zwei-Faktor-Authentifizierung ein, bevor Sie die Verwaltung nutzen."
        in response.content.decode()
    )


def set_up_app(client, url):
    """Scan the set-up page's secret as an app would and send the app's code."""
    page = client.get(url)
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.text)
    assert secret, "no secret on the set-up page"
    # allauth's form posts to its own address, without the query string.
    return client.post(url.split("?")[0], {"code": totp_code(secret.group(1))})


def test_staff_set_up_the_app_with_one_password_and_return_where_they_wanted(client, staff_user):
    login(client, staff_user.email)
    target = "/verwaltung/members/association/"
    response = client.get(target, follow=True)
    setup = f"/de/konto/2fa/totp/activate/?next={quote(target, safe='')}"
    assert response.redirect_chain[-1][0] == setup
    assert response.status_code == 200

    activated = set_up_app(client, setup)
    codes = f"/de/konto/2fa/recovery-codes/?next={quote(target, safe='')}"
    assert activated.headers["Location"] == codes
    page = client.get(codes)
    assert page.status_code == 200
    assert f'<a class="button" href="{target}">Weiter zur Verwaltung</a>' in page.text
    # The code that activated the app counts as the second factor of this session.
    assert client.get(target).status_code == 200


def test_recovery_codes_lead_only_to_this_site(client, staff_user):
    login(client, staff_user.email)
    assert set_up_app(client, "/de/konto/2fa/totp/activate/").headers["Location"] == (
        "/de/konto/2fa/recovery-codes/"
    )
    page = client.get("/de/konto/2fa/recovery-codes/?next=/de/veranstaltungen/")
    assert (
        '<a class="button" href="/de/veranstaltungen/">Weiter zur gewünschten Seite</a>'
        in page.text
    )
    for hostile in ["", "https://evil.example/", "//evil.example/"]:
        page = client.get(f"/de/konto/2fa/recovery-codes/?next={quote(hostile, safe='')}")
        assert page.status_code == 200
        assert '<a class="button"' not in page.text


def test_a_sign_in_long_ago_asks_for_the_password_before_the_set_up(client, staff_user, settings):
    login(client, staff_user.email)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    response = client.get("/de/konto/2fa/totp/activate/?next=/verwaltung/")
    assert response.headers["Location"] == (
        "/de/konto/reauthenticate/?next=%2Fde%2Fkonto%2F2fa%2Ftotp%2Factivate%2F%3Fnext%3D"
        "%2Fverwaltung%2F"
    )


def test_staff_with_two_factor_opens_the_admin_in_german(client, staff_with_totp):
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    response = client.get("/verwaltung/", headers={"accept-language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Verwaltung | VMDO Verwaltung</title>" in html
    assert 'lang="de"' in html


def test_accounts_without_staff_status_get_403_in_the_admin(client, user):
    totp_enable(user)
    client.force_login(user)
    response = client.get("/verwaltung/", follow=True)
    assert response.status_code == 403


def test_admin_edit_of_a_page_is_in_its_history(client, staff_with_totp):
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    page = Page.objects.get(key="about")
    url = f"/verwaltung/vmdo_portal/page/{page.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    assert 'class="vTextField mt mt-field-title-ar mt-bidi"' in form.content.decode()
    data = {
        "title_de": "Über den VMDO",
        "summary_de": page.summary_de,
        "body_de": page.body_de,
        "title_ar": "عن الجمعية",
    }
    for code in ["en", "tr", "uk", "ru", "fa", "pl"]:
        data |= {
            f"title_{code}": getattr(page, f"title_{code}") or "",
            f"summary_{code}": getattr(page, f"summary_{code}") or "",
            f"body_{code}": getattr(page, f"body_{code}") or "",
        }
    data |= {"summary_ar": "", "body_ar": ""}
    response = client.post(url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title_de, page.title_ar) == ("Über den VMDO", "عن الجمعية")
    entry = LogEntry.objects.get(object_id=str(page.pk))
    assert entry.user == staff_with_totp
    history = client.get(f"/verwaltung/vmdo_portal/page/{page.pk}/history/")
    assert "Title [de]" in history.content.decode() or "Titel [de]" in history.content.decode()
    assert client.get("/ar/ueber-uns/").content.decode().count("<h1>عن الجمعية</h1>") == 1


def test_removing_an_existing_second_factor_still_asks_for_the_password(client, staff_with_totp):
    """Only the first set-up right after signing in skips the second password prompt."""
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    for path in ["/de/konto/2fa/totp/deactivate/", "/de/konto/2fa/recovery-codes/generate/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/de/konto/reauthenticate/?next="), path
