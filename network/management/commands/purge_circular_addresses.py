"""Delete the addresses of circular deliveries 90 days after sending (GDPR). Run daily."""

from django.core.management.base import BaseCommand

from network.circulars.services import circular_addresses_purge


class Command(BaseCommand):
    help = (
        "Delete the email addresses of circular deliveries sent over 90 days ago "
        "(the delivery counts stay)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{circular_addresses_purge()} delivery addresses deleted.")
