import io

import pytest
from django.core.management import CommandError, call_command

from vmdo_portal.management.commands.seed_demo import DEMO_PASSWORD
from vmdo_portal.models import Page, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_its_logins_work(client, settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    call_command("seed_demo", stdout=output)
    assert "staff@demo.vmdo.invalid" in output.getvalue()
    assert User.objects.count() == 3
    assert Page.objects.count() == 5
    for email, location in [
        ("staff@demo.vmdo.invalid", "/de/"),
        ("verein@demo.vmdo.invalid", "/de/"),
    ]:
        response = client.post("/de/konto/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.headers["Location"] == location
        client.post("/de/konto/logout/")


def test_seed_demo_creates_no_published_passwords_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only created with DEBUG=1"):
        call_command("seed_demo")
    assert User.objects.count() == 0
    call_command("seed_demo", "--no-logins")
    assert Page.objects.count() == 5


@pytest.mark.postgres
def test_seed_demo_leaves_planner_statistics_for_the_bulk_data(settings):
    """Without ANALYZE a freshly seeded benchmark database is planned as if empty."""
    from django.db import connection

    from events.models import Event

    call_command("seed_demo", "--no-logins", "--scale", "1", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'events_event'")
        estimate = cursor.fetchone()[0]
    assert estimate == Event.objects.count() >= 5000
