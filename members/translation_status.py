"""How far each language's texts of an association are translated.

A language's texts (members.profile_fields' translated fields) are *missing* when all are
empty, *outdated* when a German text was changed after its translation (the association's
history says when a published change touched which field), otherwise *up to date*.
"""

from members import profile_fields
from vmdo_portal.audit import entries_for
from vmdo_portal.vocabulary import TranslationStatus

# Audit entries whose fields were published (a submitted change is not yet).
PUBLISHED = ["association.edited", "revision.approved", "admin.changed", "translation.changed"]


def last_changed(association) -> dict:
    """Field name (description_tr, …) → when a published change last touched it."""
    changed = {}
    entries = entries_for(association).filter(action__in=PUBLISHED).values_list("at", "data")
    for at, data in entries:
        for name in (data or {}).get("fields", ()):
            if name not in changed or changed[name] < at:
                changed[name] = at
    return changed


def language_statuses(values: dict, changed: dict) -> dict:
    """Language code → TranslationStatus of its texts; `values`: field name → text."""
    statuses = {profile_fields.LANGUAGE_CODES[0]: TranslationStatus.SOURCE}
    source = profile_fields.LANGUAGE_CODES[0]
    for code in profile_fields.LANGUAGE_CODES[1:]:
        status = TranslationStatus.MISSING
        for field in profile_fields.translated_fields():
            if not (values.get(f"{field}_{code}") or "").strip():
                continue
            german_at = changed.get(f"{field}_{source}")
            translated_at = changed.get(f"{field}_{code}")
            if german_at and (translated_at is None or translated_at < german_at):
                status = TranslationStatus.OUTDATED
                break
            status = TranslationStatus.CURRENT
        statuses[code] = status
    return statuses
