"""Notes on public pages about where a shown text comes from."""

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

from translations.selectors import statuses_for
from translations.services import source_language
from vmdo_portal.vocabulary import TranslationStatus

register = template.Library()

_CACHE = "_translation_statuses"


def _statuses(obj) -> dict:
    """The object's statuses, read once per object and page (one query)."""
    if _CACHE not in obj.__dict__:
        obj.__dict__[_CACHE] = statuses_for(obj)
    return obj.__dict__[_CACHE]


@register.inclusion_tag("translations/machine_note.html", takes_context=True)
def machine_note(context, obj, *fields):
    """A note before a text shown as an unreviewed machine translation (any of `fields`
    of `obj` in the page's language), linking to the same page in German. Nothing on
    German pages, for reviewed texts, and for texts that fall back to German."""
    language = get_language()
    german = source_language()
    if obj is None or obj.pk is None or language == german:
        return {}
    statuses = _statuses(obj)
    if not any(
        statuses.get(field, {}).get(language) == TranslationStatus.MACHINE for field in fields
    ):
        return {}
    request = context.get("request")
    path = request.path if request is not None else obj.get_absolute_url()
    return {"original_url": translate_url(path, german), "original_language": german}
