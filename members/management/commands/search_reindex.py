"""Rebuild every association's folded search text (after changing members.search)."""

from django.core.management.base import BaseCommand

from members.models import Association
from members.services import association_search_refresh


class Command(BaseCommand):
    help = "Rebuild the folded search text of every association."

    def handle(self, *args, **options):
        count = association_search_refresh(associations=Association.objects.all())
        self.stdout.write(f"{count} associations indexed.")
