"""Email a reminder the day before each approved booking. Run daily (e.g. 17:00)."""

from django.core.management.base import BaseCommand

from facilities.services import reminders_send


class Command(BaseCommand):
    help = "Send tomorrow's booking reminders (one email per person, each booking reminded once)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} reminders sent.")
