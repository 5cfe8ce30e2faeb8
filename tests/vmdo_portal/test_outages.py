"""Redis or PostgreSQL unreachable: the portal degrades, it does not answer 500.
(tests/production/test_faults.py restarts real servers under gunicorn.)"""

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
