"""Keeping the translation status current when texts are saved.

Called by the services and the back office that save translated texts (modeltranslation
fields); they say *what* changed, this module works out each translation's status:

- German text changed → an empty translation is *missing*, a filled one made from another
  German text *outdated* — unless the change was marked minor (a typo), then the
  translations stay as they were and count as made from the new German text;
- a translation saved → *up to date* (or *machine translation, not reviewed*) for the
  German text as it is now; an emptied one → *missing*;
- a machine translation reviewed → *up to date*.

Each call reads an object's rows in one query and writes them in bulk.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from translations.models import FieldTranslation, text_digest
from translations.shipped import shipped_text
from vmdo_portal.page_cache import content_changed
from vmdo_portal.services import Refused
from vmdo_portal.vocabulary import TranslationStatus

Status = TranslationStatus


def source_language() -> str:
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def target_languages() -> list[str]:
    """The languages German texts are translated into."""
    return [code for code, _name in settings.LANGUAGES if code != source_language()]


def translated_fields(model) -> list[str]:
    """The model's translated fields (base names, "description"); none if not registered."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    order = [field.name for field in model._meta.fields]
    # In the model's order (the registry keeps them in no particular order).
    return sorted(options.fields, key=lambda name: order.index(name) if name in order else 0)


def text_of(obj, field: str, language: str) -> str:
    return (getattr(obj, build_localized_fieldname(field, language)) or "").strip()


def split_name(model, name: str) -> tuple[str, str] | None:
    """ "description_tr" → ("description", "tr"); None for a field that is not translated."""
    for field in translated_fields(model):
        for code, _name in settings.LANGUAGES:
            if name == build_localized_fieldname(field, code):
                return field, code
    return None


class _Rows:
    """An object's status rows, read once, written once."""

    def __init__(self, obj, by):
        self.obj, self.by = obj, by
        self.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        rows = FieldTranslation.objects.select_for_update().filter(
            content_type=self.content_type, object_id=obj.pk
        )
        self.rows = {(row.field, row.language): row for row in rows}
        self.new, self.changed = set(), set()

    def set(self, field: str, language: str, status: str, digest: str, **extra) -> None:
        """`extra`: machine_draft, machine_error (left as they are when not given)."""
        key = (field, language)
        row = self.rows.get(key)
        values = {"status": status, "source_digest": digest, **extra}
        if row is None:
            self.rows[key] = FieldTranslation(
                content_type=self.content_type,
                object_id=self.obj.pk,
                field=field,
                language=language,
                updated_by=self.by,
                **values,
            )
            self.new.add(key)
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_by = self.by
            self.changed.add(key)

    def write(self) -> None:
        FieldTranslation.objects.bulk_create([self.rows[key] for key in self.new])
        changed = [self.rows[key] for key in self.changed - self.new]
        if changed:
            now = timezone.now()  # bulk_update leaves auto_now alone
            for row in changed:
                row.updated_at = now
            FieldTranslation.objects.bulk_update(
                changed,
                [
                    "status",
                    "source_digest",
                    "machine_draft",
                    "machine_error",
                    "updated_by",
                    "updated_at",
                ],
            )
        if self.new or self.changed:
            # Public pages note unreviewed machine translations; bulk writes send no
            # post_save, so the cached pages are dropped here.
            content_changed()
        self.new, self.changed = set(), set()


def _source_changed(rows: _Rows, fields, minor: bool) -> None:
    obj = rows.obj
    for field in fields:
        german = text_digest(text_of(obj, field, source_language()))
        for language in target_languages():
            row = rows.rows.get((field, language))
            if not text_of(obj, field, language):
                rows.set(field, language, Status.MISSING, german)
            elif row is not None and row.source_digest == german:
                # Made from this very German text (again, after an undo, or filled
                # where nobody told us).
                if row.status in (Status.MISSING, Status.OUTDATED):
                    rows.set(field, language, Status.CURRENT, german)
            elif minor:
                # A typo fixed in German: translations that were in step stay so.
                if row is None or row.status in (Status.CURRENT, Status.MACHINE):
                    status = row.status if row is not None else Status.CURRENT
                    rows.set(field, language, status, german)
            else:
                # Made from another German text (or we do not know from which).
                rows.set(field, language, Status.OUTDATED, row.source_digest if row else "")


def _translation_changed(rows: _Rows, field: str, language: str, machine: bool) -> None:
    obj = rows.obj
    german = text_digest(text_of(obj, field, source_language()))
    if not text_of(obj, field, language):
        rows.set(field, language, Status.MISSING, german, machine_draft=False, machine_error="")
    else:
        status = Status.MACHINE if machine else Status.CURRENT
        rows.set(field, language, status, german, machine_draft=machine, machine_error="")


def _all_fields(obj, fields):
    known = translated_fields(type(obj))
    return known if fields is None else [field for field in fields if field in known]


@transaction.atomic
def translation_source_saved(obj, *, fields=None, minor: bool = False, by=None) -> None:
    """The German text of `fields` (base names; all translated fields if None) was saved."""
    rows = _Rows(obj, by)
    _source_changed(rows, _all_fields(obj, fields), minor)
    rows.write()
    _drafts_later(obj)


@transaction.atomic
def translation_saved(obj, field: str, language: str, *, machine: bool = False, by=None) -> None:
    """The `language` text of `field` was saved (by a person, or drafted by a machine)."""
    rows = _Rows(obj, by)
    _translation_changed(rows, field, language, machine)
    rows.write()


@transaction.atomic
def translation_reviewed(obj, field: str, language: str, *, by) -> str:
    """A person checked a machine translation and found it right, or an outdated
    translation and found it still right for the German text as it is now: it is up to
    date for that German text. Returns the status it had."""
    rows = _Rows(obj, by)
    row = rows.rows.get((field, language))
    if (
        row is None
        or row.status not in (Status.MACHINE, Status.OUTDATED)
        or not text_of(obj, field, language)
    ):
        raise Refused(_("Only a machine translation or an outdated translation can be confirmed."))
    was = row.status
    german = text_digest(text_of(obj, field, source_language()))
    rows.set(field, language, Status.CURRENT, german, machine_draft=False)
    rows.write()
    return was


@transaction.atomic
def translation_draft_failed(obj, field: str, language: str, *, reason: str) -> None:
    """A machine draft of the `language` text of `field` failed for `reason` (a
    translations.machine.Reason): the text, its status and who last changed it stay; the
    reason is kept for staff."""
    rows = _Rows(obj, None)
    row = rows.rows.get((field, language))
    if row is None:
        german = text_digest(text_of(obj, field, source_language()))
        rows.set(field, language, Status.MISSING, german, machine_error=reason)
        rows.write()
    elif row.machine_error != reason:
        FieldTranslation.objects.filter(pk=row.pk).update(machine_error=reason)


def _drafts_later(obj) -> None:
    """German text changed: machine drafts for what is missing, once the change is
    committed, in the background (when machine translation is set up)."""
    if not settings.MACHINE_TRANSLATION_URL:
        return
    from translations.tasks import drafts_for  # the task imports this module

    label, pk = obj._meta.label, obj.pk
    transaction.on_commit(lambda: drafts_for.enqueue(label, pk))


@transaction.atomic
def translation_texts_saved(
    obj, *, changed, created: bool = False, minor: bool = False, by=None
) -> None:
    """A form saved `obj`: `changed` are the names of the changed form fields
    ("description_de", "description_tr", "name"); those that are not translated texts do
    not count. German changes first, so a translation saved with its German is current.
    A new object starts from what it has: empty → missing, filled → up to date."""
    model = type(obj)
    if created:
        translation_statuses_init(model, [obj], by=by)
        _drafts_later(obj)
        return
    german, translated = [], []
    for name in changed:
        split = split_name(model, name)
        if split is None:
            continue
        if split[1] == source_language():
            german.append(split[0])
        else:
            translated.append(split)
    if not german and not translated:
        return
    rows = _Rows(obj, by)
    _source_changed(rows, german, minor)
    for field, language in translated:
        _translation_changed(rows, field, language, machine=False)
    rows.write()
    if german:
        _drafts_later(obj)


def translation_statuses_init(model, objs, *, by=None) -> int:
    """Rows for texts that have none yet: empty → missing, filled → up to date (what can be
    said of texts saved before statuses were kept), a shipped list's name as the portal
    shipped it → machine translation (translations.shipped). Existing rows stay. Returns
    how many rows were made."""
    fields = translated_fields(model)
    objs = list(objs)
    if not fields or not objs:
        return 0
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    existing = set(
        FieldTranslation.objects.filter(
            content_type=content_type, object_id__in=[obj.pk for obj in objs]
        ).values_list("object_id", "field", "language")
    )
    new = []
    for obj in objs:
        for field in fields:
            german = text_digest(text_of(obj, field, source_language()))
            for language in target_languages():
                if (obj.pk, field, language) in existing:
                    continue
                text = text_of(obj, field, language)
                if not text:
                    status = Status.MISSING
                elif text == shipped_text(obj, field, language):
                    status = Status.MACHINE  # shipped, not yet checked by a person
                else:
                    status = Status.CURRENT
                new.append(
                    FieldTranslation(
                        content_type=content_type,
                        object_id=obj.pk,
                        field=field,
                        language=language,
                        status=status,
                        source_digest=german,
                        machine_draft=status == Status.MACHINE,
                        updated_by=by,
                    )
                )
    FieldTranslation.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def translation_statuses_copy(*, source, target, by=None) -> int:
    """`target` is a copy of `source` with the same texts (a duplicated event): it gets
    the same statuses – an outdated or unreviewed translation stays so in the copy. Texts
    without a row start as translation_statuses_init says. Returns how many rows were made."""
    content_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
    rows = [
        FieldTranslation(
            content_type=content_type,
            object_id=target.pk,
            field=row.field,
            language=row.language,
            status=row.status,
            source_digest=row.source_digest,
            machine_draft=row.machine_draft,
            machine_error=row.machine_error,
            updated_by=by,
        )
        for row in FieldTranslation.objects.filter(content_type=content_type, object_id=source.pk)
    ]
    FieldTranslation.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows) + translation_statuses_init(type(target), [target], by=by)


def objects_present():
    """A condition on FieldTranslation rows: their object still exists."""
    present = Q(pk__in=[])
    for model in translator.get_registered_models(abstract=False):
        if model._meta.proxy:
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        present |= Q(content_type=content_type, object_id__in=model._base_manager.values("pk"))
    return present


def translation_statuses_forget_deleted() -> int:
    """Delete the rows of objects that no longer exist; returns how many."""
    deleted, _details = FieldTranslation.objects.exclude(objects_present()).delete()
    return deleted
