"""Move the page visit counts from the cache into the database; delete old months. Run
hourly, one at a time (vmdo_portal.visits)."""

from django.core.management.base import BaseCommand

from vmdo_portal.visits import page_visits_flush


class Command(BaseCommand):
    help = (
        "Add the page visits counted in the cache to the database and delete the counts of "
        "months older than 12 months."
    )

    def handle(self, *args, **options):
        added, deleted = page_visits_flush()
        self.stdout.write(f"{added} visits added, {deleted} old monthly counts deleted.")
