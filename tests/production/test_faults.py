"""The production profile survives Redis and PostgreSQL faults (real restarts of a Redis
and a PostgreSQL cluster of the test's own): pages render uncached while Redis is away,
sessions outlive a Redis restart, the first requests after a PostgreSQL restart succeed,
and while PostgreSQL is down pages answer 503 with the portal's page, never 500."""

import json
import re

import pytest
from django.db import connection

from tests.factories import PASSWORD, UserFactory
from tests.production.servers import Browser, Processes, database_url, production_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal(settings, tmp_path, static_files):
    """gunicorn on a copy of the test database in a throwaway cluster, with its own Redis."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # the server's hashers
    UserFactory(email="verein@example.org")
    log = tmp_path / "gunicorn.log"
    with Processes() as processes:
        try:
            cluster = processes.postgres()
            redis = processes.redis()
        except FileNotFoundError as missing:
            pytest.skip(str(missing))
        env = production_env(
            DATABASE_URL=cluster.copy_database(database_url(connection), "vmdo"),
            REDIS_URL=redis.url,
            DB_POOL_TIMEOUT="3",
        )
        yield processes.gunicorn(env, log=log), cluster, redis, log


def status(browser, url):
    code, _url, body, headers = browser.fetch(url)
    return code, headers.get("X-Page-Cache"), body.decode()


def signed_in(browser, base) -> bool:
    code, _cache, html = status(browser, f"{base}/de/mein-verein/")
    return code == 200 and "Abmelden" in html


def ready(browser, base) -> tuple[int, dict]:
    code, _cache, body = status(browser, f"{base}/healthz/ready")
    return code, json.loads(body)


def test_redis_and_postgresql_outages_and_restarts(portal):
    base, cluster, redis, log = portal
    visitor, member = Browser(), Browser()
    assert member.login(base, "verein@example.org", PASSWORD)[0] == f"{base}/de/"
    assert signed_in(member, base)
    assert status(visitor, f"{base}/de/vereine/")[:2] == (200, "miss")
    assert status(visitor, f"{base}/de/vereine/")[:2] == (200, "hit")

    redis.stop()
    assert status(visitor, f"{base}/de/vereine/")[:2] == (200, "miss")  # rendered uncached
    assert status(visitor, f"{base}/de/projekte/")[:2] == (200, "miss")
    assert signed_in(member, base)  # the session comes from PostgreSQL
    assert ready(visitor, base) == (
        503,
        {"status": "unavailable", "database": "up", "cache": "down", "storage": "up"},
    )

    redis.start()  # empty: nothing survived in Redis
    assert ready(visitor, base)[0] == 200
    assert signed_in(member, base)  # a Redis restart logs nobody out
    assert status(visitor, f"{base}/de/vereine/")[:2] == (200, "miss")
    assert status(visitor, f"{base}/de/vereine/")[:2] == (200, "hit")

    cluster.stop()
    cluster.start()
    # The pool's connections died with the server: the first requests still succeed.
    assert status(visitor, f"{base}/de/standorte/")[:2] == (200, "miss")
    assert signed_in(member, base)
    assert ready(visitor, base)[0] == 200

    cluster.stop()
    assert status(visitor, f"{base}/de/vereine/")[:2] == (200, "hit")  # cached pages stay
    code, headers_cache, html = status(visitor, f"{base}/de/veranstaltungen/")
    assert (code, headers_cache) == (503, None)
    assert "<h1>Vorübergehend nicht erreichbar</h1>" in html
    assert visitor.fetch(f"{base}/de/veranstaltungen/")[3]["Retry-After"] == "30"
    assert status(member, f"{base}/de/mein-verein/")[0] == 503
    assert ready(visitor, base) == (
        503,
        {"status": "unavailable", "database": "down", "cache": "up", "storage": "up"},
    )

    cluster.start()
    assert signed_in(member, base)
    assert status(visitor, f"{base}/de/veranstaltungen/")[:2] == (200, "miss")
    assert ready(visitor, base)[0] == 200

    errors = [line for line in log.read_text().splitlines() if re.search(r"\bERROR\b", line)]
    assert errors == []
