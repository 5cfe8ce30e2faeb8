"""Machine drafts for translations that are missing (translations.machine).

A draft fills an empty translation, or replaces a machine draft whose German text has
changed since; a person's translation is never overwritten, an outdated one is left for
people. A draft counts as a machine translation not yet reviewed; when a draft fails, the
text stays as it was and its status row keeps the reason for staff.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from modeltranslation.utils import build_localized_fieldname

from translations import machine
from translations.models import FieldTranslation
from translations.services import (
    source_language,
    target_languages,
    text_of,
    translated_fields,
    translation_draft_failed,
    translation_saved,
)
from vmdo_portal.vocabulary import TranslationStatus as Status

# Proper names that are not themselves translated stay as they are in every draft.
PROTECTED_FIELDS = ("name", "title", "street", "address", "city")


def text_format(model, field: str) -> str:
    """Long texts (text areas) are Markdown; names, titles and short texts plain text."""
    return "markdown" if isinstance(model._meta.get_field(field), models.TextField) else "text"


def protected_terms(obj) -> list[str]:
    translated = set(translated_fields(type(obj)))
    terms = []
    for name in PROTECTED_FIELDS:
        value = getattr(obj, name, None)
        if name not in translated and isinstance(value, str) and value.strip():
            terms.append(value.strip())
    return terms


def needs_draft(obj, field: str, language: str, row: FieldTranslation | None) -> bool:
    if not text_of(obj, field, source_language()):
        return False  # nothing to translate
    if not text_of(obj, field, language):
        return True
    return row is not None and row.status == Status.OUTDATED and row.machine_draft


def outdated_by_people(obj, language: str) -> int:
    """How many of the object's `language` texts are outdated translations by people
    (left for translators)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return FieldTranslation.objects.filter(
        content_type=content_type,
        object_id=obj.pk,
        language=language,
        status=Status.OUTDATED,
        machine_draft=False,
    ).count()


def _write(obj, field: str, language: str, text: str) -> bool:
    """Store the draft unless someone changed the text meanwhile."""
    name = build_localized_fieldname(field, language)
    before = getattr(obj, name)
    unchanged = {f"{name}__isnull": True} if before is None else {name: before}
    if not type(obj)._base_manager.filter(pk=obj.pk, **unchanged).update(**{name: text}):
        return False
    setattr(obj, name, text)
    translation_saved(obj, field, language, machine=True)
    return True


def drafts_make(obj, *, languages=None, fields=None) -> dict:
    """Draft the missing translations of `obj` (all target languages and translated fields
    unless narrowed), one request per language and text format. Returns
    {(field, language): machine.Outcome} for the texts sent; nothing is sent when machine
    translation is not set up. Stops at a used-up budget (the outcomes say so)."""
    if machine.configured_backend() is None:
        return {}
    model = type(obj)
    fields = [field for field in translated_fields(model) if fields is None or field in fields]
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    rows = {
        (row.field, row.language): row
        for row in FieldTranslation.objects.filter(content_type=content_type, object_id=obj.pk)
    }
    terms = protected_terms(obj)
    results = {}
    for language in languages or target_languages():
        wanted = [f for f in fields if needs_draft(obj, f, language, rows.get((f, language)))]
        for fmt in ("text", "markdown"):
            group = [field for field in wanted if text_format(model, field) == fmt]
            if not group:
                continue
            german = [text_of(obj, field, source_language()) for field in group]
            outcomes = machine.translate(german, target=language, fmt=fmt, terms=terms)
            for field, outcome in zip(group, outcomes, strict=True):
                results[(field, language)] = outcome
                if outcome.ok:
                    _write(obj, field, language, outcome.text)
                else:
                    translation_draft_failed(obj, field, language, reason=outcome.reason)
            if any(outcome.reason == machine.Reason.BUDGET for outcome in outcomes):
                return results
    return results
