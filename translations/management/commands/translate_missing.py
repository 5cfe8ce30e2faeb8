"""Machine drafts for every missing translation (and machine drafts whose German text
changed); safe to repeat: what is drafted is no longer missing, so a second run sends
nothing. Stops when this month's character budget is used up."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from translations import machine
from translations.drafts import drafts_make, needs_draft
from translations.selectors import translation_queue
from translations.services import target_languages
from vmdo_portal.vocabulary import TranslationStatus as Status


def _waiting(language: str):
    """(model, pk) of the objects with a missing or outdated `language` text, queue order
    (most visited first within each status)."""
    seen = {}
    for row in translation_queue(language):
        if row.status not in (Status.MISSING, Status.OUTDATED):
            continue
        seen.setdefault((row.content_type.model_class(), row.object_id), []).append(row)
    return seen


class Command(BaseCommand):
    help = (
        "Machine-translate missing translations (and replace machine drafts whose German "
        "text changed). Outdated translations by people are left for translators."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", choices=target_languages())
        parser.add_argument("--limit", type=int, help="at most this many objects per language")

    def handle(self, *args, language=None, limit=None, **options):
        if machine.configured_backend() is None:
            raise CommandError(str(machine.MESSAGES[machine.Reason.DISABLED]))
        for code in language or target_languages():
            drafted, failed, left = 0, Counter(), 0
            waiting = list(_waiting(code).items())[:limit]
            for (model, pk), rows in waiting:
                obj = model._base_manager.filter(pk=pk).first()
                if obj is None:
                    continue
                rows_by_field = {row.field: row for row in rows}
                left += sum(
                    1
                    for field, row in rows_by_field.items()
                    if row.status == Status.OUTDATED and not needs_draft(obj, field, code, row)
                )
                outcomes = drafts_make(obj, languages=[code])
                drafted += sum(1 for outcome in outcomes.values() if outcome.ok)
                failed.update(outcome.reason for outcome in outcomes.values() if not outcome.ok)
                if machine.Reason.BUDGET in failed:
                    break
            summary = f"{code}: {drafted} texts drafted"
            if failed:
                summary += ", failed: " + ", ".join(f"{n} {r}" for r, n in sorted(failed.items()))
            if left:
                summary += f", {left} outdated translations by people left for translators"
            self.stdout.write(summary + ".")
            if machine.Reason.BUDGET in failed:
                raise CommandError(str(machine.MESSAGES[machine.Reason.BUDGET]))
