import io

import pytest
from django.core.management import CommandError, call_command

from members.models import Membership
from vmdo_portal.management.commands.seed_demo import DEMO_PASSWORD
from vmdo_portal.models import Page, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_its_logins_work(client, settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    call_command("seed_demo", stdout=output)
    # All three logins and SITE_URL come last, below any email printed while seeding.
    assert [line.split(" - ")[0] for line in output.getvalue().splitlines()[-5:]] == [
        f"Demo logins (password for all three: {DEMO_PASSWORD}):",
        "  staff@demo.vmdo.invalid",
        "  verein@demo.vmdo.invalid",
        "  verein2@demo.vmdo.invalid",
        "Links in emails point to SITE_URL=http://127.0.0.1:8000 "
        "(set SITE_URL when the portal runs elsewhere).",
    ]
    # The three logins and three people listed in the network's contacts.
    assert User.objects.count() == 6
    assert Page.objects.count() == 5
    association = Membership.objects.get(user__email="verein@demo.vmdo.invalid").association
    for email, location in [
        # Staff without a membership land on the home page, an association's admin on
        # the association's dashboard.
        ("staff@demo.vmdo.invalid", "/de/"),
        ("verein@demo.vmdo.invalid", f"/de/mein-verein/{association.slug}/"),
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


def test_demo_staff_get_their_powers_from_the_staff_groups(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    staff = User.objects.get(email="staff@demo.vmdo.invalid")
    assert (staff.is_staff, staff.is_superuser) == (True, False)
    assert sorted(staff.groups.values_list("name", flat=True)) == [
        "Administration",
        "Raumverwaltung",
        "Redaktion",
    ]
    assert staff.has_perms(["auth.change_group", "vmdo_portal.change_user"])


def test_the_staff_groups_hold_the_permissions_of_their_work():
    from django.contrib.auth.models import Group

    from vmdo_portal.staff_groups import staff_groups_ensure

    def perms(name):
        return {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=name).permissions.select_related("content_type")
        }

    before = {name: perms(name) for name in ["Redaktion", "Raumverwaltung", "Administration"]}
    staff_groups_ensure()  # idempotent: run by the migration already
    assert {name: perms(name) for name in before} == before
    editorial, rooms, admin = (
        before["Redaktion"],
        before["Raumverwaltung"],
        before["Administration"],
    )
    assert {
        "members.change_association",
        "members.change_profilerevision",
        "members.add_invitation",
        "members.change_membershipapplication",
        "projects.change_document",
        "projects.change_site",
        "events.change_event",
        "events.change_category",
        "events.view_registration",
        "vmdo_portal.change_page",
    } <= editorial
    assert editorial.isdisjoint({"facilities.change_booking", "vmdo_portal.change_user"})
    assert {"facilities.change_booking", "facilities.add_closure", "members.view_association"} <= (
        rooms
    )
    assert rooms.isdisjoint({"members.change_association", "events.change_event"})
    assert editorial | rooms | {"auth.change_group", "vmdo_portal.change_user"} <= admin
