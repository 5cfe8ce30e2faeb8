"""Sorting by the reader's alphabet (CLDR collation through ICU).

Python's `sorted()` compares code points: Turkish "Çince" lands after "Zazaca", Ukrainian
"Іспанська" before "Англійська", Polish "Łotewski" after "Węgierski". ICU's collators
follow CLDR's rules for each locale (Turkish Ç after C, İ after I; Ukrainian І after И;
Polish Ł after L; German Ä with A). Every list a visitor reads sorted goes through here.
"""

import threading

import django_filters
import icu
from django.conf import settings
from django.forms.models import ModelChoiceIteratorValue
from django.utils.translation import get_language

_local = threading.local()  # ICU collators are not shared between threads


def _collator(locale: str) -> icu.Collator:
    collators = getattr(_local, "collators", None)
    if collators is None:
        collators = _local.collators = {}
    if locale not in collators:
        collators[locale] = icu.Collator.createInstance(icu.Locale(locale.replace("-", "_")))
    return collators[locale]


def sort_key(text, locale: str | None = None) -> bytes:
    """The collation key of `text` in `locale` (default: the active language)."""
    return _collator(locale or get_language() or settings.LANGUAGE_CODE).getSortKey(str(text))


def sorted_by_locale(items, key=str, locale: str | None = None) -> list:
    """`items` sorted by `key(item)` in the alphabet of `locale` (default: active language)."""
    collator = _collator(locale or get_language() or settings.LANGUAGE_CODE)
    return sorted(items, key=lambda item: collator.getSortKey(str(key(item))))


def collate(field):
    """Let a model choice field list its objects in the reader's alphabet.

    The choices before the objects (the empty label, django-filter's null label) stay
    first. Returns the field, so a form can write `collate(forms.ModelChoiceField(...))`.
    """
    if getattr(field, "collated", False):
        return field
    base = field.iterator

    class CollatedIterator(base):
        def __iter__(self):
            # The leading choices come at once (Select.use_required_attribute() looks
            # at the first choice only; the query must not run for that).
            rows = []
            for value, label in super().__iter__():
                if rows or isinstance(value, ModelChoiceIteratorValue):
                    rows.append((value, label))
                else:
                    yield value, label
            yield from sorted_by_locale(rows, key=lambda choice: choice[1])

    field.iterator = CollatedIterator
    field.widget.choices = field.choices
    field.collated = True
    return field


class CollatedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """django-filter's model choice filter, its choices in the reader's alphabet."""

    @property
    def field(self):
        return collate(super().field)
