"""allauth's emails and login limits do not depend on the Host header a client sends."""

import re

import pytest
from django.conf import settings
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/de/konto/login/"
FOREIGN_PORT = "127.0.0.1:6666"


def test_a_password_reset_link_points_at_the_portal_whatever_host_was_sent(client, user):
    client.post("/de/konto/password/reset/", {"email": user.email}, HTTP_HOST=FOREIGN_PORT)
    assert len(mail.outbox) == 1
    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert links != []
    assert [link for link in links if not link.startswith(settings.SITE_URL + "/")] == []
    assert "6666" not in mail.outbox[0].body


def test_changing_the_host_port_gives_no_fresh_login_attempts(client, user):
    for attempt in range(5):
        client.post(
            LOGIN,
            {"login": user.email, "password": "wrong-password"},
            HTTP_HOST=f"127.0.0.1:{6000 + attempt}",
            REMOTE_ADDR=f"192.0.2.{attempt + 1}",
        )
    response = client.post(
        LOGIN,
        {"login": user.email, "password": PASSWORD},
        HTTP_HOST="127.0.0.1:6100",
        REMOTE_ADDR="192.0.2.50",
    )
    assert response.status_code == 200
    assert "Zu viele gescheiterte Anmeldeversuche" in response.content.decode()
    assert "_auth_user_id" not in client.session
