"""Search text folded the same way for every search: case, accents, umlauts, typos.

A visitor types "turkisch", "tuerkisch" or "Türkisch" and means the same word. Texts are
folded in Python (`fold_document`: casefolded, accents stripped, and every word with an
umlaut also in its ae/oe/ue spelling), queries with `fold` (casefolded, accents stripped)
and split into words; a text matches when it holds every word of the query. The same
function folds stored search columns (members.search) and, on SQLite, texts on the fly
(registered as the SQL function `portal_fold`). On PostgreSQL `folded_fields` folds with
the `unaccent` extension, and `pg_trgm`'s word similarity tolerates typos ("Kultr").
"""

import re
import unicodedata

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    F,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower, Replace
from django.utils.translation import get_language

# Letters NFKD does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe", "þ": "th"}
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_SEPARATORS = re.compile(r"[\W_]+")
_SPELLED_OUT = re.compile("ae|oe|ue")
# Shorter words are matched exactly only: a typo in two letters leaves nothing to compare.
FUZZY_MIN_LENGTH = 4
MAX_WORDS = 8


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)


def fold(text: str) -> str:
    """A query's words, casefolded and without accents: "Türkçe Straße" → "turkce strasse"."""
    return " ".join(word for word in _SEPARATORS.split(_strip((text or "").casefold())) if word)


def words(query: str) -> list[str]:
    """The distinct folded words of a query (at most MAX_WORDS, longest kept)."""
    unique = list(dict.fromkeys(fold(query).split()))
    if len(unique) > MAX_WORDS:
        keep = set(sorted(unique, key=len, reverse=True)[:MAX_WORDS])
        unique = [word for word in unique if word in keep]
    return unique


def fold_document(*texts) -> str:
    """Texts folded for searching: each word once, an umlaut word in both spellings.

    "Türkisch Hörde" → "turkisch tuerkisch horde hoerde", so "turkisch", "tuerkisch" and
    "türkisch" (folded to "turkisch") all find it.
    """
    seen = {}
    for text in texts:
        for word in _SEPARATORS.split((text or "").casefold()):
            if not word:
                continue
            seen[_strip(word)] = None
            expanded = word.translate(_UMLAUTS)
            if expanded != word:
                seen[_strip(expanded)] = None
    seen.pop("", None)
    return " ".join(seen)


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(text, word):
    return Like(text, f"%{_like_escape(word)}%")


def starts_with(text, word):
    return Like(text, f"{_like_escape(word)}%")


class PortalFold(Func):
    """SQLite: fold_document() of the texts, through the function registered per connection."""

    function = "portal_fold"
    output_field = TextField()


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def _joined(fields):
    parts = []
    for field in fields:
        if parts:
            parts.append(Value(" "))
        parts.append(Coalesce(field, Value(""), output_field=TextField()))
    return Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0]


def folded_fields(fields, vendor: str) -> list:
    """Expressions whose text holds the folded fields (one or two spellings)."""
    if vendor != "postgresql":
        return [PortalFold(*fields)]
    joined = _joined(fields)
    plain = Lower(Unaccent(joined))
    expanded = Lower(joined)
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        expanded = Replace(expanded, Value(umlaut), Value(spelled))
    return [plain, Unaccent(expanded)]


class Like(Func):
    """`text LIKE pattern` on folded text (both sides already lower case)."""

    output_field = BooleanField()
    template = "%(expressions)s"
    arg_joiner = " LIKE "

    def __init__(self, text, pattern):
        super().__init__(text, Value(pattern, output_field=CharField()))

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = self.as_sql(compiler, connection, **extra)
        return f"{sql} ESCAPE '\\'", params


class Similar(Func):
    """PostgreSQL pg_trgm: the word is like a word of the text (`word <% text`)."""

    output_field = BooleanField()
    template = "%(expressions)s"
    arg_joiner = " <%% "

    def __init__(self, word, text):
        super().__init__(Value(word, output_field=CharField()), text)


def matches(texts, query_words, vendor: str, fuzzy=None) -> Q:
    """Every word occurs in one of the folded texts; on PostgreSQL also with a typo.

    `fuzzy`: the folded text compared for typos (default: the first text); comparing
    trigrams costs more than LIKE, so on the fly only short texts (titles) are.
    """
    fuzzy = texts[0] if fuzzy is None else fuzzy
    condition = Q()
    for word in query_words:
        found = Q()
        # The ae/oe/ue spelling (a second text, if any) matters to words spelled so.
        for text in texts if _SPELLED_OUT.search(word) else texts[:1]:
            found |= Q(contains(text, word))
        if vendor == "postgresql" and len(word) >= FUZZY_MIN_LENGTH:
            found |= Q(Similar(word, fuzzy))
        condition &= found
    return condition


def contains_all(texts, query_words) -> Q:
    """Every word occurs exactly (no typo) in one of the folded texts."""
    condition = Q()
    for word in query_words:
        found = Q()
        for text in texts:
            found |= Q(contains(text, word))
        condition &= found
    return condition


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """connection_created: SQLite gets `portal_fold(text, ...)`, the same folding as Python's."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_fold", -1, fold_document, deterministic=True)


def translations_shown(name: str) -> list[str]:
    """A translated field in German and in the visitor's language: what visitors read."""
    return list(dict.fromkeys([f"{name}_{settings.LANGUAGE_CODE}", f"{name}_{get_language()}"]))


def folded_search(queryset, query_words, fields, title_fields):
    """Rows whose fields hold every word (folded on the fly), annotated with `title_match`.

    For models without a stored search text (events, projects, sites, pages); typos are
    compared with the (short) titles only.
    """
    if not query_words:
        return queryset
    vendor = connection.vendor
    texts = folded_fields([F(name) if isinstance(name, str) else name for name in fields], vendor)
    titles = folded_fields([F(name) for name in title_fields], vendor)
    return queryset.filter(matches(texts, query_words, vendor, fuzzy=titles[0])).annotate(
        title_match=Case(
            When(contains_all(titles, query_words), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
