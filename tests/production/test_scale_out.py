"""The production profile: gunicorn, hashed static files, and two app servers sharing
one PostgreSQL and one Redis (sessions and rate limits work across both)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html import unescape as html_unescape
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def production_env(django_db_setup, django_db_blocker):
    config = connection.settings_dict
    try:
        redis.Redis(host="127.0.0.1", port=6379, db=14).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DEBUG": "0",
        "SECRET_KEY": "scale-out-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,portal.test",
        "SITE_URL": "http://127.0.0.1",
        "EMAIL_URL": "console:",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}",
        "REDIS_URL": "redis://127.0.0.1:6379/14",
        "DB_POOL": "1",
        "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture(scope="module")
def object_storage(production_env):
    """A local S3 API (moto's server mode) with an empty bucket."""
    import boto3

    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint, timeout=2)
            break
        except urllib.error.HTTPError:
            break
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, "moto_server did not start"
            time.sleep(0.3)
    settings = {
        "AWS_STORAGE_BUCKET_NAME": "vmdo-media",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "eu-central-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    boto3.client(
        "s3", endpoint_url=endpoint, region_name="eu-central-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    ).create_bucket(Bucket="vmdo-media", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})  # fmt: skip
    yield settings
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def servers(production_env, object_storage):
    production_env = {**production_env, **object_storage}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT, env=production_env, check=True,
    )  # fmt: skip
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [GUNICORN, "-c", "python:vmdo_portal.gunicorn", "vmdo_portal.wsgi"],
            cwd=ROOT,
            env={**production_env, "BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    deadline = time.monotonic() + 30
    for port in ports:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for process in processes:
        process.terminate()
        process.wait(timeout=20)


class Browser:
    """Like people behind a load balancer: one host name, whichever server answers.
    Cookies are per host, not per port, so both servers see the same session cookie."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get_bytes(self, url):
        request = urllib.request.Request(url, headers={"Host": "portal.test"})  # noqa: S310
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.geturl(), response.read(), dict(response.headers)

    def get(self, url):
        request = urllib.request.Request(url, headers={"Host": "portal.test"})  # noqa: S310
        with self.opener.open(request, timeout=10) as response:
            return (
                response.status,
                response.geturl(),
                response.read().decode(),
                dict(response.headers),
            )

    def post_multipart(self, url, fields, files, referer):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(  # noqa: S310 - http URLs of the test servers
            url,
            data=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": referer,
                "Host": "portal.test",
            },
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            page = error.read().decode()
            problems = re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', page, re.S)
            raise AssertionError(f"{error.code}: {problems}") from error

    def login(self, base, email, password):
        _status, _url, html, _headers = self.get(f"{base}/de/konto/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "login": email, "password": password}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - http URLs of the test servers
            f"{base}/de/konto/login/",
            data=data,
            headers={"Referer": f"{base}/de/konto/login/", "Host": "portal.test"},
        )
        with self.opener.open(request, timeout=10) as response:
            return response.geturl(), response.read().decode()


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
def real_hashers(settings):
    """The servers check passwords with the production hashers, not the tests' fast one."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    redis.Redis(host="127.0.0.1", port=6379, db=14).flushdb()


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
    from tests.factories import AssociationFactory, member_of
    from tests.members.conftest import image_bytes
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
