"""The production profile: gunicorn, hashed static files, and two app servers sharing
one PostgreSQL and one Redis (sessions and rate limits work across both)."""

import re
from html import unescape as html_unescape
from pathlib import Path

import pytest
import redis as redis_client
from django.db import connection

from tests.factories import PASSWORD, UserFactory
from tests.production.servers import ROOT, Browser, Processes, database_url, production_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, static_files):
    """Redis, a local S3 API (moto's server mode) with an empty bucket and two gunicorn
    servers on the test database; all stopped at the end, also when one fails to start."""
    import boto3

    with Processes() as processes:
        try:
            redis = processes.redis()
        except FileNotFoundError as missing:
            pytest.skip(str(missing))
        endpoint = processes.moto()
        boto3.client(
            "s3", endpoint_url=endpoint, region_name="eu-central-1",
            aws_access_key_id="testing", aws_secret_access_key="testing",
        ).create_bucket(Bucket="vmdo-media", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})  # fmt: skip
        env = production_env(
            DATABASE_URL=database_url(connection),
            REDIS_URL=redis.url,
            AWS_STORAGE_BUCKET_NAME="vmdo-media",
            AWS_S3_ENDPOINT_URL=endpoint,
            AWS_S3_REGION_NAME="eu-central-1",
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
        )
        yield [processes.gunicorn(env), processes.gunicorn(env)], redis


@pytest.fixture
def servers(stack):
    return stack[0]


def test_gunicorn_serves_pages_and_hashed_static_files_with_far_future_caching(servers):
    browser = Browser()
    status, _url, html, headers = browser.get(f"{servers[0]}/de/")
    assert status == 200
    css = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html).group(1)
    css_status, _url, _body, css_headers = browser.get(servers[1] + css)
    assert css_status == 200
    assert css_headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert len(headers["X-Request-ID"]) == 32


def test_gunicorn_keeps_connections_alive(servers):
    """Three requests over one TCP connection: no new connection per request."""
    import http.client

    host, port = servers[0].removeprefix("http://").split(":")
    connection_ = http.client.HTTPConnection(host, int(port), timeout=10)
    connection_.connect()
    local_port = connection_.sock.getsockname()[1]
    for path in ("/healthz", "/de/", "/healthz"):
        connection_.request("GET", path)
        response = connection_.getresponse()
        response.read()
        assert response.status == 200
        assert response.getheader("Connection", "").lower() != "close"
        assert connection_.sock is not None
        assert connection_.sock.getsockname()[1] == local_port
    connection_.close()


@pytest.fixture
def real_hashers(settings, stack):
    """The servers check passwords with the production hashers, not the tests' fast one."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    redis_client.Redis(host="127.0.0.1", port=stack[1].port).flushdb()


def test_a_login_on_one_server_is_valid_on_the_other(servers, real_hashers):
    UserFactory(email="verein@example.org")
    browser = Browser()
    url, _html = browser.login(servers[0], "verein@example.org", PASSWORD)
    assert url.endswith("/de/")
    status, url, html, _headers = browser.get(f"{servers[1]}/de/mein-verein/")
    assert (status, url) == (200, f"{servers[1]}/de/mein-verein/")
    assert "Abmelden" in html


def test_the_login_rate_limit_counts_across_both_servers(servers, real_hashers):
    UserFactory(email="ziel@example.org")
    browser = Browser()
    for attempt in range(5):
        browser.login(servers[attempt % 2], "ziel@example.org", "falsch")
    _url, html = browser.login(servers[1], "ziel@example.org", PASSWORD)
    assert "Zu viele gescheiterte Anmeldeversuche" in html


def form_fields(html: str) -> list[tuple[str, str]]:
    """The values a browser would send for a rendered profile form (unchanged fields)."""
    fields = []
    for tag in re.findall(r"<input[^>]+>", html):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or (kind and kind.group(1) in {"file", "submit"}):
            continue
        if kind and kind.group(1) == "checkbox" and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        default = "on" if kind and kind.group(1) == "checkbox" else ""
        fields.append((name.group(1), html_unescape(value.group(1)) if value else default))
    for name, body in re.findall(r'<textarea[^>]+name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields.append((name, html_unescape(body.strip("\n"))))
    for name, options in re.findall(r'<select[^>]+name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        fields.append((name, chosen.group(1) if chosen else ""))
    return fields


def test_a_logo_uploaded_through_one_server_is_served_through_the_other(servers, real_hashers):
    from members.models import Association, Membership
    from tests.factories import AssociationFactory, image_bytes, member_of
    from tests.uploads import name_shape

    association = AssociationFactory(name="Bildverein", trusted=True)
    member_of(association, Membership.Role.ADMIN, email="bild@example.org")
    browser = Browser()
    browser.login(servers[0], "bild@example.org", PASSWORD)
    url = f"{servers[0]}/de/mein-verein/{association.slug}/profil/"
    _status, _url, html, _headers = browser.get(url)
    fields = [field for field in form_fields(html) if field[0] != "preview"]
    target, _page = browser.post_multipart(
        url,
        [*fields, ("save", "1")],
        {"new_logo": ("logo.png", image_bytes("PNG", size=(80, 40)), "image/png")},
        url,
    )
    assert target.endswith(f"/de/mein-verein/{association.slug}/")
    association = Association.objects.get(pk=association.pk)
    assert name_shape(association.logo.name) == "associations/logos/<random>.png"
    _status, _url, profile, _headers = browser.get(f"{servers[1]}/de/vereine/{association.slug}/")
    logo_url = re.search(r'<img src="(/media/associations/logos/[^"]+)"', profile).group(1)
    status, _url, _body, headers = Browser().get_bytes(servers[1] + logo_url)
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert not (Path(ROOT) / "media" / association.logo.name).exists()  # it lives in the bucket
