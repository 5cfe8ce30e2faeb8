"""The directory's search: a stored, folded search text per association, and the query.

`Association.search_name` (name and short name) and `Association.search_text` (also every
translation of the description, the languages spoken named in every portal language and
in their own, the communities, the fields of activity and the district) are folded by
vmdo_portal.folding and written by members.services whenever an association, its lists
or a list entry's name change (`association_search_refresh`). Migration members 0005
backfills them, `manage.py search_reindex` rebuilds them.

A query matches when each of its words occurs in the search text, or when the stored
full-text vector (migration 0003, stemming per language) matches; when nothing matches so,
on PostgreSQL, when each word resembles one of the text's words (pg_trgm: "Kultr" finds
"Kultur"). Name matches rank first.
"""

from contextlib import suppress
from functools import cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, Exists, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import translation

from vmdo_portal.folding import (
    contains,
    contains_all,
    fold,
    fold_document,
    matches,
    starts_with,
    words,
)
from vmdo_portal.vocabulary import District, Language

# PostgreSQL text search configurations per portal language ("simple": no stemming).
SEARCH_CONFIGS = {"de": "german", "en": "english", "tr": "turkish", "ar": "arabic", "ru": "russian"}


def _languages():
    return [code for code, _name in settings.LANGUAGES]


@cache
def language_names(code: str) -> tuple[str, ...]:
    """A spoken language's names in every portal language and in itself (CLDR, gettext)."""
    names = {}
    for portal_language in [*_languages(), code]:
        with suppress(UnknownLocaleError, ValueError):
            names[Locale.parse(portal_language).languages.get(code, "")] = None
    label = Language(code).label if code in Language.values else ""
    for portal_language in _languages():
        with translation.override(portal_language):
            names[str(label)] = None
    names.pop("", None)
    return tuple(names)


@cache
def district_names(code: str) -> str:
    return District(code).label if code in District.values else code


def _translations(obj, field: str) -> list[str]:
    return [getattr(obj, f"{field}_{language}", "") or "" for language in _languages()]


def association_document(association) -> tuple[str, str]:
    """(search_name, search_text) of an association whose lists are loaded.

    The name is stored between spaces, so a query can match it as a whole word.
    """
    name = f" {fold_document(association.name, association.short_name)} "
    parts = [association.name, association.short_name, *_translations(association, "description")]
    for entry in association.languages.all():
        parts.extend(language_names(entry.code))
    for item in [*association.communities.all(), *association.fields_of_activity.all()]:
        parts.extend(_translations(item, "name"))
        parts.append(item.name)
    if association.district:
        parts.append(district_names(association.district))
    return name, fold_document(*parts)


def refresh(queryset) -> dict:
    """Rewrite the search columns of these associations (used by members.services).

    Returns {pk: (search_name, search_text)}.
    """
    changed = []
    for association in queryset.prefetch_related("languages", "communities", "fields_of_activity"):
        association.search_name, association.search_text = association_document(association)
        changed.append(association)
    queryset.model.objects.bulk_update(changed, ["search_name", "search_text"], batch_size=200)
    return {a.pk: (a.search_name, a.search_text) for a in changed}


def search(queryset, value: str):
    """The associations matching the query, annotated with `rank` (higher first)."""
    query_words = words(value)
    if not query_words:
        return queryset
    vendor = connection.vendor
    text, name = F("search_text"), F("search_name")
    condition = matches([text], query_words, vendor)
    phrase = fold(value)
    # The name starts with the query, holds it as a word, holds it, holds its words; the
    # text holds them without a typo; the rest (typos, stemming) after them.
    rank = Case(
        When(Q(starts_with(name, f" {phrase}")), then=Value(4.0)),
        When(Q(contains(name, f" {phrase} ")), then=Value(3.5)),
        When(Q(contains(name, phrase)), then=Value(3.0)),
        When(contains_all([name], query_words), then=Value(2.0)),
        When(contains_all([text], query_words), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    if vendor != "postgresql":
        return queryset.filter(condition).annotate(rank=rank)
    config = SEARCH_CONFIGS.get(translation.get_language(), "simple")
    # The stored vector (migration members 0003: name, short name and every translation
    # of the description, each with its language's stemming).
    vector = RawSQL('"members_association"."search_vector"', [], output_field=SearchVectorField())
    query = SearchQuery(value, search_type="websearch", config=config) | SearchQuery(
        value, search_type="websearch", config="german"
    )
    # Typos count only when no row holds the words as typed: comparing the trigrams of
    # every row's text costs more than finding a word (the NOT EXISTS runs once).
    as_typed = contains_all([text], query_words)
    nothing_as_typed = ~Exists(queryset.filter(as_typed))
    return (
        queryset.alias(search_vector=vector)
        .filter(as_typed | Q(search_vector=query) | (Q(nothing_as_typed) & condition))
        .annotate(rank=rank + SearchRank(vector, query))
    )


def order_by_rank(queryset):
    return queryset.order_by(F("rank").desc(), "name")
