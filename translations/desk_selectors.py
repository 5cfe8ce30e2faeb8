"""Reads of the translation desk: the queue per language, the editor's fields.

The queue's order is `translations.selectors.translation_queue`'s (missing, then
outdated, then machine drafts to review; within each as that function orders), restricted
to public content the desk translates (translations.registry) and grouped per object: an
object is placed where its first open text is.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.utils import translation
from django.utils.translation import get_language_info

from translations.desk_services import desk_fingerprint
from translations.registry import entry_of, max_length, public_rows
from translations.selectors import (
    SEVERITY,
    statuses_for,
    translation_queue,
    translation_queue_rows,
)
from translations.services import source_language, text_of, translated_fields
from vmdo_portal.vocabulary import TranslationStatus

PAGE_SIZE = 25


def direction(language: str) -> str:
    return "rtl" if language in settings.LANGUAGES_BIDI else "ltr"


def language_name(language: str) -> str:
    return get_language_info(language)["name_translated"]


def local_name(language: str) -> str:
    return get_language_info(language)["name_local"]


def open_texts(language: str) -> list:
    """The queue's rows (FieldTranslation) of public content the desk translates, in the
    queue's order."""
    return translation_queue(language, where=public_rows())


def language_overview(languages) -> list[dict]:
    """Each language the person may translate, with how many texts wait in it."""
    return [
        {
            "code": code,
            "name": language_name(code),
            "dir": direction(code),
            "open": translation_queue_rows(code).filter(public_rows()).count(),
        }
        for code in languages
    ]


@dataclass
class QueueItem:
    content_type_id: int
    object_id: int
    texts: list = field(default_factory=list)  # [(field name, TranslationStatus)]
    obj: object = None

    @property
    def worst(self):
        return min((status for _field, status in self.texts), key=SEVERITY.index)

    @property
    def label(self) -> str:
        return self.obj._meta.label_lower

    @property
    def kind(self) -> str:
        return self.obj._meta.verbose_name

    def field_labels(self) -> list[tuple[str, TranslationStatus]]:
        return [
            (self.obj._meta.get_field(name).verbose_name, status) for name, status in self.texts
        ]


def queue_page(language: str, number):
    """A page of the objects with open texts in `language` (QueueItem, object loaded):
    one query for the open texts, one per kind of object on the page."""
    items = {}
    for row in open_texts(language):
        key = (row.content_type_id, row.object_id)
        item = items.setdefault(key, QueueItem(*key))
        item.texts.append((row.field, TranslationStatus(row.status)))
    page = Paginator(list(items.values()), PAGE_SIZE).get_page(number)
    by_type = {}
    for item in page.object_list:
        by_type.setdefault(item.content_type_id, []).append(item)
    for content_type_id, typed in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        found = model._base_manager.in_bulk([item.object_id for item in typed])
        for item in typed:
            item.obj = found.get(item.object_id)
    page.object_list = [item for item in page.object_list if item.obj is not None]
    return page


@dataclass
class EditorField:
    name: str
    label: str
    german: str
    status: TranslationStatus
    multiline: bool
    max_length: int


def editor_fields(obj, language: str) -> list[EditorField]:
    """The object's translated texts as the editor shows them (one query, for the
    statuses); texts with neither German nor a translation are left out."""
    entry = entry_of(obj)
    statuses = statuses_for(obj)
    shown = []
    for name in translated_fields(type(obj)):
        german = text_of(obj, name, source_language())
        if not german and not text_of(obj, name, language):
            continue
        model_field = obj._meta.get_field(name)
        shown.append(
            EditorField(
                name=name,
                label=model_field.verbose_name,
                german=german,
                status=statuses[name][language],
                multiline=isinstance(model_field, models.TextField),
                max_length=max_length(entry, name),
            )
        )
    return shown


def editor_initial(obj, language: str, fields) -> dict:
    initial = {item.name: text_of(obj, item.name, language) for item in fields}
    initial["source"] = desk_fingerprint(obj, source_language())
    initial["target"] = desk_fingerprint(obj, language)
    return initial


def public_url(obj, language: str) -> str:
    """The object's public page in `language`, if it has one of its own."""
    if not hasattr(obj, "get_absolute_url"):
        return ""
    with translation.override(language):
        return obj.get_absolute_url()
