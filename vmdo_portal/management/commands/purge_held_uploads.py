"""Delete uploads held for a preview whose form was never sent again. Run daily."""

from django.core.management.base import BaseCommand

from vmdo_portal.held_uploads import purge


class Command(BaseCommand):
    help = "Delete uploads held for a form's preview that are older than their token."

    def handle(self, *args, **options):
        self.stdout.write(f"{purge()} held uploads deleted.")
