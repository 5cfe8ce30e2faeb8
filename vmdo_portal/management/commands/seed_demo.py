"""Demo data for trying the portal out: real VMDO facts plus marked example records.

Idempotent: running it again changes nothing that exists. Every app adds its part
through its services, so demo data obeys the same rules as real data.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vmdo_portal.models import User
from vmdo_portal.services import page_defaults_ensure, user_create

DEMO_PASSWORD = "vmdo-demo-2026"  # noqa: S105 - printed on purpose, development only
DEMO_ACCOUNTS = [
    {
        "email": "staff@demo.vmdo.invalid",
        "name": "Demo Staff",
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "email": "verein@demo.vmdo.invalid",
        "name": "Demo Verein",
        "is_staff": False,
        "is_superuser": False,
    },
]


class Command(BaseCommand):
    help = "Load demo data (idempotent) and create the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-logins", action="store_true", help="Do not create the demo logins."
        )

    @transaction.atomic
    def handle(self, *args, no_logins=False, **options):
        page_defaults_ensure()
        if no_logins:
            return
        if not settings.DEBUG:
            raise CommandError(
                "Demo logins have a published password: they are only created with DEBUG=1. "
                "Use --no-logins in production."
            )
        self.stdout.write(f"Demo logins (password for both: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            if not User.objects.filter(email=account["email"]).exists():
                user_create(password=DEMO_PASSWORD, email_verified=True, **account)
            if account["is_staff"]:
                role = "staff (the admin asks you to set up two-factor authentication first)"
            else:
                role = "association account"
            self.stdout.write(f"  {account['email']} - {role}")
