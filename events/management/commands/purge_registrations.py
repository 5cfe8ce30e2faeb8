"""Delete registrations 30 days after their event (GDPR). Run daily."""

from django.core.management.base import BaseCommand

from events.services import registrations_purge


class Command(BaseCommand):
    help = "Delete the personal data of registrations for events that ended over 30 days ago."

    def handle(self, *args, **options):
        self.stdout.write(f"{registrations_purge()} registrations deleted.")
