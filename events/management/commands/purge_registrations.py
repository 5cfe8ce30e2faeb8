"""Delete registrations 30 days after their event, unconfirmed ones after 24 hours (GDPR).
Run daily."""

from django.core.management.base import BaseCommand

from events.services import registrations_purge


class Command(BaseCommand):
    help = (
        "Delete the personal data of registrations for events that ended over 30 days ago "
        "and of registrations left unconfirmed for 24 hours."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{registrations_purge()} registrations deleted.")
