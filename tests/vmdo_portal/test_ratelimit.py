"""One rate-limit primitive and one reading of the client's address (X-Forwarded-For only
through TRUSTED_PROXY_COUNT trusted proxies), for the portal's limits and allauth's."""

import logging

import pytest
from django.test import RequestFactory, override_settings

from tests.factories import PASSWORD
from vmdo_portal import ratelimit

PROXY = "10.0.0.2"  # what REMOTE_ADDR is behind the reverse proxy


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, None, PROXY),
        (0, "203.0.113.9", PROXY),  # nobody trusted: the header is anyone's to write
        (1, None, PROXY),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own entry is ignored
        (1, "6.6.6.6,203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", PROXY),  # fewer entries than proxies: not through our proxies
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_reads_x_forwarded_for_only_through_trusted_proxies(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)
    assert ratelimit.client_ip(request) == expected


def test_client_key_counts_an_ipv6_network_as_one_client():
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    other = factory.get("/", REMOTE_ADDR="2001:db8:1:2:bbbb::7")
    assert ratelimit.client_key(one) == ratelimit.client_key(other) == "2001:db8:1:2::"
    assert ratelimit.client_key(factory.get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"


def test_ipv4_clients_of_a_dual_stack_socket_count_one_by_one():
    """::ffff:a.b.c.d is an IPv4 client: its /64 (::) would be one count for all of them."""
    factory = RequestFactory()
    keys = {
        ratelimit.client_key(factory.get("/", REMOTE_ADDR=f"::ffff:192.0.2.{n}")) for n in (1, 2)
    }
    assert keys == {"192.0.2.1", "192.0.2.2"}


def test_hit_allows_the_limit_per_key_and_window():
    assert [ratelimit.hit("test:a", limit=3, window=60) for _n in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert ratelimit.hit("test:b", limit=3, window=60) is True


def test_hit_refuses_when_the_cache_is_unreachable(caplog):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    with (
        override_settings(CACHES=unreachable),
        caplog.at_level(logging.WARNING, logger="vmdo_portal.ratelimit"),
    ):
        assert ratelimit.hit("test:down", limit=5, window=60) is False
    assert [r.getMessage() for r in caplog.records if r.name == "vmdo_portal.ratelimit"] == [
        "Rate limit ratelimit:test:down not counted: the cache is unreachable."
    ]


# --- through real limits --------------------------------------------------------------


def failed_logins(client, forwarded: str, count: int):
    for number in range(count):
        client.post(
            "/de/konto/login/",
            {"login": f"niemand{number}@example.org", "password": "falsch"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )


def login_from(client, user, forwarded: str):
    return client.post(
        "/de/konto/login/",
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.django_db
def test_allauth_login_limit_ignores_a_spoofed_header_without_trusted_proxies(
    client, user, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(10):
        failed_logins(client, f"198.51.100.{attempt}", 1)  # a new "address" each time
    response = login_from(client, user, "203.0.113.50")
    assert "Zu viele gescheiterte Anmeldeversuche" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_allauth_login_limit_counts_per_forwarded_client_behind_one_proxy(client, user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    failed_logins(client, "6.6.6.6, 198.51.100.1", 10)  # the prepended entry is the client's
    blocked = login_from(client, user, "7.7.7.7, 198.51.100.1")
    assert "Zu viele gescheiterte Anmeldeversuche" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    other = login_from(client, user, "203.0.113.50")
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
