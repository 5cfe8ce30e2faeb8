"""Demo data for trying the portal out: real VMDO facts plus marked example records.

Idempotent: running it again changes nothing that exists. Every app adds its part in
its `demo.seed()` through its services, so demo data obeys the same rules as real data.
"""

from importlib import import_module
from io import StringIO

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vmdo_portal.management.commands.backup import analyze_tables
from vmdo_portal.models import User
from vmdo_portal.services import page_defaults_ensure, user_create
from vmdo_portal.staff_groups import STAFF_GROUPS, staff_groups_ensure

DEMO_PASSWORD = "vmdo-demo-2026"  # noqa: S105 - printed on purpose, development only
DEMO_ACCOUNTS = {
    "staff": (
        "staff@demo.vmdo.invalid",
        "Demo Staff",
        True,
        "staff (Redaktion, Raumverwaltung, Administration): the back office and the "
        "association dashboards ask you to set up two-factor authentication first",
    ),
    "trusted": (
        "verein@demo.vmdo.invalid",
        "Demo Verein",
        False,
        "association admin of a trusted association (edits publish at once)",
    ),
    "untrusted": (
        "verein2@demo.vmdo.invalid",
        "Demo Verein 2",
        False,
        "association admin of an association whose edits staff review",
    ),
}
APPS_WITH_DEMO_DATA = ["members", "projects", "facilities", "events"]
APPS_WITH_DEMO_DATA += ["network.offers"]


class Command(BaseCommand):
    help = "Load demo data (idempotent) and create the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--no-logins", action="store_true", help="Create no demo logins.")
        parser.add_argument(
            "--scale", type=int, default=None, help="Also generate N records per list (benchmarks)."
        )

    def handle(self, *args, no_logins=False, scale=None, **options):
        with transaction.atomic():
            self._seed(no_logins=no_logins, scale=scale)
            # Status rows for the demo's texts; the shipped lists' names count as machine
            # translations not yet reviewed (translations.shipped).
            call_command("translation_status_rebuild", stdout=StringIO())
        analyze_tables()
        if not no_logins:
            # Last, after the demo data's emails (sent on commit) on the console.
            self.stdout.write(f"Demo logins (password for all three: {DEMO_PASSWORD}):")
            for email, _name, _staff, description in DEMO_ACCOUNTS.values():
                self.stdout.write(f"  {email} - {description}")
            self.stdout.write(
                f"Links in emails point to SITE_URL={settings.SITE_URL} "
                "(set SITE_URL when the portal runs elsewhere)."
            )

    def _seed(self, *, no_logins, scale):
        if not no_logins and not settings.DEBUG:
            raise CommandError(
                "Demo logins have a published password: they are only created with DEBUG=1. "
                "Use --no-logins in production."
            )
        page_defaults_ensure()
        staff_groups_ensure()
        users = {} if no_logins else self._logins()
        for app in APPS_WITH_DEMO_DATA:
            try:
                demo = import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            demo.seed(users=users, scale=scale, out=self.stdout)

    def _logins(self):
        users = {}
        for key, (email, name, staff, _description) in DEMO_ACCOUNTS.items():
            user = User.objects.filter(email=email).first() or user_create(
                email=email,
                password=DEMO_PASSWORD,
                name=name,
                is_staff=staff,
                email_verified=True,
            )
            if staff:
                # Staff powers come from the groups, not from the superuser flag.
                user.groups.add(*Group.objects.filter(name__in=STAFF_GROUPS))
            users[key] = user
        return users
