"""Redis or PostgreSQL unreachable: the portal degrades, it does not answer 500.
(tests/production/test_faults.py restarts real servers under gunicorn.)"""

import time

import pytest
from django.db import connection

from tests.factories import UserFactory
from tests.production.servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_redis(settings):
    """The production cache and sessions, with nothing listening at the Redis address."""
    settings.CACHES = {
        "default": {
            "BACKEND": "vmdo_portal.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_pages_render_uncached_and_members_stay_signed_in_without_redis(
    client, unreachable_redis, caplog
):
    assert client.get("/de/vereine/")["X-Page-Cache"] == "miss"
    assert client.get("/de/vereine/")["X-Page-Cache"] == "miss"
    client.force_login(UserFactory())
    assert client.get("/de/mein-verein/").status_code == 200
    ready = client.get("/healthz/ready")
    assert (ready.status_code, ready.json()["cache"]) == (503, "down")
    assert {
        record.levelname for record in caplog.records if record.name != "vmdo_portal.requests"
    } == {"WARNING"}


@pytest.mark.postgres  # SQLite's in-memory test database cannot be made unreachable
@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_with_the_portals_page_while_the_database_is_unreachable(client):
    assert client.get("/de/vereine/")["X-Page-Cache"] == "miss"
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["NAME"] = "vmdo_does_not_exist"
    try:
        cached = client.get("/de/vereine/")
        uncached = client.get("/de/projekte/")
    finally:
        connection.close()
        connection.settings_dict.update(saved)
    assert (cached.status_code, cached["X-Page-Cache"]) == (200, "hit")
    assert (uncached.status_code, uncached["Retry-After"]) == (503, "30")
    assert "<h1>Vorübergehend nicht erreichbar</h1>" in uncached.content.decode()


@pytest.mark.postgres
def test_after_a_blip_only_what_was_missed_is_removed_from_redis(settings, monkeypatch):
    """A write or delete that did not reach Redis may leave a stale value there (a session
    someone logged out of): exactly those keys go when Redis answers again; everyone
    else's entries and rate-limit counters stay."""
    import redis as redis_client
    from django.core.cache import cache

    from tests.production.servers import Processes
    from vmdo_portal import cache as resilient

    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0)
    with Processes() as processes:
        server = processes.redis()
        settings.CACHES = {
            "default": {
                "BACKEND": "vmdo_portal.cache.ResilientRedisCache",
                "LOCATION": server.url,
                "OPTIONS": {"socket_timeout": 0.3},
            }
        }
        cache.set("kept", "mine")
        cache.set("logged-out-session", "alive")
        admin = redis_client.Redis(port=server.port)
        admin.execute_command("CLIENT", "PAUSE", 1000, "ALL")  # clients time out meanwhile
        cache.delete("logged-out-session")  # does not reach Redis
        assert admin.exists(cache.make_key("logged-out-session")) == 1
        time.sleep(1.2)

        assert cache.get("kept") == "mine"
        assert cache.get("logged-out-session") is None
        admin.close()
