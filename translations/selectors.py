"""Reading translation statuses: per object (change pages, the dashboard) and per
language (a translator's queue)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Value, When
from django.urls import NoReverseMatch

from translations.models import FieldTranslation, text_digest
from translations.services import (
    objects_present,
    source_language,
    target_languages,
    text_of,
    translated_fields,
)
from vmdo_portal.visits import public_path, recent_visits
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


def translation_queue_rows(language: str):
    """The queryset behind `translation_queue`: what waits for translation into
    `language`, in status order (missing, outdated, machine), oldest first within each.
    Fields whose German text is empty (nothing to translate) and deleted objects are left
    out."""
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


def _public_paths(rows) -> dict:
    """{(content type id, object id): public path without language prefix} for the rows'
    objects that have a page; one query per content type."""
    wanted = {}
    for row in rows:
        wanted.setdefault(row.content_type, set()).add(row.object_id)
    paths = {}
    for content_type, pks in wanted.items():
        model = content_type.model_class()
        if model is None or not hasattr(model, "get_absolute_url"):
            continue  # no page of its own: no visits
        for obj in model._base_manager.filter(pk__in=pks):
            try:
                url = obj.get_absolute_url()
            except NoReverseMatch:
                continue
            paths[(content_type.pk, obj.pk)] = public_path(url)
    return paths


def translation_queue(language: str, *, where=None) -> list[FieldTranslation]:
    """What waits for translation into `language`, as a list (iterable, sliceable, fit
    for a Paginator): missing first, then outdated, then machine translations to review;
    within each, the most visited objects first (their public page's visits over the last
    RECENT_MONTHS months, vmdo_portal.visits; objects without a page count none), then the
    oldest. Each row carries `visits`. Fields whose German text is empty (nothing to
    translate) and deleted objects are left out; `where` (a Q) narrows the rows. Queries:
    the rows, one per content type, one for the visits."""
    rows = translation_queue_rows(language)
    rows = list(rows if where is None else rows.filter(where))
    paths = _public_paths(rows)
    visits = recent_visits(paths.values())
    for row in rows:
        row.visits = visits.get(paths.get((row.content_type_id, row.object_id)), 0)
    rows.sort(key=lambda row: (OPEN.index(row.status), -row.visits, row.updated_at, row.pk))
    return rows
