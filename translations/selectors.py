"""Reading translation statuses: per object (change pages, the dashboard) and per
language (a translator's queue)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Value, When

from translations.models import FieldTranslation, text_digest
from translations.services import (
    objects_present,
    source_language,
    target_languages,
    text_of,
    translated_fields,
)
from vmdo_portal.vocabulary import TranslationStatus

Status = TranslationStatus

# Worst first: what most needs a translator.
SEVERITY = [Status.MISSING, Status.OUTDATED, Status.MACHINE, Status.CURRENT]
OPEN = [Status.MISSING, Status.OUTDATED, Status.MACHINE]


def _rows_by_object(model, pks) -> dict:
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    found = {}
    rows = FieldTranslation.objects.filter(content_type=content_type, object_id__in=pks)
    for object_id, field, language, status in rows.values_list(
        "object_id", "field", "language", "status"
    ):
        found.setdefault(object_id, {})[(field, language)] = status
    return found


def _statuses(obj, rows: dict) -> dict:
    """A stored status where there is one; texts never saved since statuses are kept count
    as the initial rebuild counts them (empty → missing, filled → up to date). An empty
    text is missing, whatever its row says."""
    statuses = {}
    for field in translated_fields(type(obj)):
        per_language = {source_language(): Status.SOURCE}
        for language in target_languages():
            if not text_of(obj, field, language):
                status = Status.MISSING
            else:
                status = rows.get((field, language), Status.CURRENT)
                if status == Status.MISSING:
                    status = Status.CURRENT
            per_language[language] = Status(status)
        statuses[field] = per_language
    return statuses


def statuses_for(obj) -> dict:
    """{field: {language: TranslationStatus}}; German is the source (one query)."""
    return _statuses(obj, _rows_by_object(type(obj), [obj.pk]).get(obj.pk, {}))


def _summary(obj, statuses: dict) -> dict:
    summary = {source_language(): Status.SOURCE}
    for language in target_languages():
        counted = [
            per_language[language]
            for field, per_language in statuses.items()
            # Neither German nor a translation: nothing to translate.
            if text_of(obj, field, source_language()) or text_of(obj, field, language)
        ]
        summary[language] = min(counted, key=SEVERITY.index) if counted else Status.MISSING
    return summary


def language_summary(obj) -> dict:
    """{language: the worst status over the object's translated fields}."""
    return _summary(obj, statuses_for(obj))


def language_summaries(objs) -> dict:
    """{pk: language_summary} for a list of objects of one model, in one query."""
    objs = list(objs)
    if not objs:
        return {}
    rows = _rows_by_object(type(objs[0]), [obj.pk for obj in objs])
    return {obj.pk: _summary(obj, _statuses(obj, rows.get(obj.pk, {}))) for obj in objs}


def translation_queue(language: str):
    """What waits for translation into `language`: missing first, then outdated, then
    machine translations to review; oldest first within each. Fields whose German text is
    empty (nothing to translate) and deleted objects are left out."""
    order = Case(
        *[When(status=status, then=Value(rank)) for rank, status in enumerate(OPEN)],
        output_field=IntegerField(),
    )
    return (
        FieldTranslation.objects.filter(objects_present(), language=language, status__in=OPEN)
        .exclude(status=Status.MISSING, source_digest=text_digest(""))
        .select_related("content_type")
        .order_by(order, "updated_at", "pk")
    )
