"""Give every translated text a status row and forget those of deleted objects (run once
after installing, safe to repeat)."""

from django.core.management.base import BaseCommand
from modeltranslation.translator import translator

from translations.services import (
    translation_statuses_forget_deleted,
    translation_statuses_init,
)

CHUNK = 500


class Command(BaseCommand):
    help = (
        "Create missing translation status rows: empty translations are missing, filled ones "
        "up to date. Existing rows are kept; rows of deleted objects are removed."
    )

    def handle(self, *args, **options):
        total = 0
        for model in translator.get_registered_models(abstract=False):
            if model._meta.proxy:
                continue
            objs = model._base_manager.order_by("pk")
            for start in range(0, objs.count(), CHUNK):
                total += translation_statuses_init(model, objs[start : start + CHUNK])
        self.stdout.write(f"{total} translation status rows created.")
        deleted = translation_statuses_forget_deleted()
        self.stdout.write(f"{deleted} rows of deleted objects removed.")
