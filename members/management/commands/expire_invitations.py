"""Delete invitations that expired more than 30 days ago (they hold an email address).
Run daily."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from members.models import Invitation

KEEP_EXPIRED = timedelta(days=30)


class Command(BaseCommand):
    help = "Delete unused invitations that expired more than 30 days ago."

    def handle(self, *args, **options):
        deleted, _details = Invitation.objects.filter(
            accepted_at__isnull=True, expires_at__lt=timezone.now() - KEEP_EXPIRED
        ).delete()
        self.stdout.write(f"{deleted} expired invitations deleted.")
