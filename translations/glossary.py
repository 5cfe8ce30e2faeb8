"""Protected terms: names and fixed terms that machine translation must never translate.

Staff keep the glossary in the back office (translations.ProtectedTerm, seeded with the
network's own names below); callers add what belongs to the text at hand (association and
project names, addresses). The glossary is read from the shared cache, which is dropped
whenever a term is saved or deleted.
"""

import html
import re
from collections.abc import Iterable

from django.core.cache import cache

# The glossary's first entries (the data migration and `glossary_defaults_ensure`).
DEFAULT_TERMS = (
    "Haus der Vielfalt",
    "samo.fa",
    "lokal willkommen",
    "GLEICH teilhaben",
    "VMDO",
    "NeMO",
    "Verbund der sozial-kulturellen Migrantenvereine in Dortmund",
)

# A protected stretch of text sent to the translation service: both DeepL and
# LibreTranslate leave the content of an element marked translate="no" alone in HTML mode.
KEEP_OPEN = '<span translate="no">'
KEEP_CLOSE = "</span>"
_KEPT = re.compile(r"<span\b[^>]*\btranslate\s*=\s*[\"']?no[\"']?[^>]*>(.*?)</span>", re.S | re.I)
_KEPT_OPEN = re.compile(r"<span\b[^>]*\btranslate\s*=\s*[\"']?no[\"']?[^>]*>$", re.I)
_TAG = re.compile(r"(<[^>]*>)")


class TermsChanged(ValueError):
    """The service changed, dropped or added a protected stretch of text."""


CACHE_KEY = "translations:glossary"
CACHE_TIMEOUT = 3600  # dropped on every change anyway


def glossary_terms() -> list[str]:
    """The staff-edited glossary's terms (cached)."""
    terms = cache.get(CACHE_KEY)
    if terms is None:
        from translations.models import ProtectedTerm  # models import nothing from here

        terms = list(ProtectedTerm.objects.values_list("term", flat=True))
        cache.set(CACHE_KEY, terms, CACHE_TIMEOUT)
    return terms


def glossary_changed(**kwargs) -> None:
    """A term was saved or deleted (connected to the model's signals in apps.py)."""
    cache.delete(CACHE_KEY)


def glossary_defaults_ensure() -> None:
    """The default terms in the glossary (idempotent; for tests after a flush)."""
    from translations.models import ProtectedTerm

    for term in DEFAULT_TERMS:
        ProtectedTerm.objects.get_or_create(term=term)


def protected_terms(extra: Iterable[str] = ()) -> list[str]:
    """The glossary's terms plus `extra`, without blanks or duplicates, longest first (so
    a project called "VMDO Akademie" wins over "VMDO")."""
    terms = {term.strip() for term in (*glossary_terms(), *extra) if term and term.strip()}
    return sorted(terms, key=lambda term: (-len(term), term))


def keep(escaped_content: str) -> str:
    """Mark an (already HTML-escaped) stretch of text as not to be translated."""
    return f"{KEEP_OPEN}{escaped_content}{KEEP_CLOSE}"


def protect_html(fragment: str, terms: list[str]) -> str:
    """Wrap every occurrence of a term (case-sensitive, longest first) in the text of an
    HTML fragment – never inside a tag or an already kept stretch – in a translate="no"
    span."""
    if not terms:
        return fragment
    pattern = re.compile("|".join(re.escape(html.escape(term, quote=False)) for term in terms))

    def wrap(match: re.Match) -> str:
        return keep(match.group(0))

    parts = _TAG.split(fragment)
    inside_kept = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            if _KEPT_OPEN.match(part):
                inside_kept += 1
            elif part.lower() == KEEP_CLOSE and inside_kept:
                inside_kept -= 1
            continue
        if not inside_kept:
            parts[index] = pattern.sub(wrap, part)
    return "".join(parts)


def kept_stretches(fragment: str) -> list[str]:
    return [match.group(1) for match in _KEPT.finditer(fragment)]


def _same(stretch: str) -> str:
    """What a kept stretch says, however a service re-serialised it (entities, spaces)."""
    return " ".join(html.unescape(stretch).split())


def restore_html(translated: str, sent: str) -> str:
    """Unwrap the translate="no" spans of a translated fragment, putting back exactly what
    was sent. Raises TermsChanged unless the service returned each kept stretch once (in
    any order: word order changes; re-escaped or with collapsed spaces is fine)."""
    waiting: dict[str, list[str]] = {}
    for stretch in kept_stretches(sent):
        waiting.setdefault(_same(stretch), []).append(stretch)

    def put_back(match: re.Match) -> str:
        originals = waiting.get(_same(match.group(1)))
        if not originals:
            raise TermsChanged(f"unexpected kept text {match.group(1)!r}")
        return originals.pop()

    restored = _KEPT.sub(put_back, translated)
    missing = [stretch for originals in waiting.values() for stretch in originals]
    if missing:
        raise TermsChanged(f"kept text lost: {missing!r}")
    return restored
