"""Who may translate what at the translation desk (/uebersetzen/).

- Staff with the permission to change translations (`DESK_PERMISSION`) and their second
  factor used in this session translate every language.
- Translators (an active `Translator` assignment) translate public content into their
  languages.
- An association's people translate their own association's content (its profile, its
  events) into every language, as the app that owns it allows (translations.registry).

German is the source, never translated here; nobody edits it at the desk.
"""

from django.http import Http404

from translations.models import Translator, desk_language_choices
from translations.registry import entry_for, entry_of
from vmdo_portal.permissions import office_may

DESK_PERMISSION = "translations.change_fieldtranslation"


def desk_languages_all() -> list[str]:
    return [code for code, _name in desk_language_choices()]


def office_translates(request) -> bool:
    """Staff with the desk permission and their second factor used in this session."""
    return office_may(request, DESK_PERMISSION)


def translator_of(user) -> Translator | None:
    """The active assignment of this account, if any."""
    if not user.is_authenticated or not user.is_active:
        return None
    return Translator.objects.filter(user=user, active=True).first()


def desk_languages(request) -> list[str]:
    """The languages this person may translate public content into (the queues they see)."""
    if not hasattr(request, "_desk_languages"):
        if office_translates(request):
            languages = desk_languages_all()
        else:
            translator = translator_of(request.user)
            languages = translator.language_codes() if translator else []
        request._desk_languages = languages
    return request._desk_languages


def may_use_desk(request) -> bool:
    """The desk's start page and queues: translators and staff with the permission."""
    return bool(desk_languages(request))


def may_translate_public(request, language: str) -> bool:
    """Public content into `language`, as a translator or staff."""
    return language in desk_languages(request)


def may_translate_as_owner(request, obj, language: str) -> bool:
    """The object's association's people (its app decides, e.g. members.permissions)."""
    entry = entry_of(obj)
    return (
        language in desk_languages_all()
        and entry is not None
        and entry.owners_may is not None
        and entry.owners_may(request, obj)
    )


def may_translate_field(obj, field: str) -> bool:
    """Only the object's translated texts, in the target language, are written at the desk."""
    from translations.services import translated_fields

    return entry_of(obj) is not None and field in translated_fields(type(obj))


def desk_object_for(request, language: str, label: str, pk: int):
    """(object, as_owner) the person may translate into `language`, or 404: translators
    and staff get public content of the desk's models, the association's people their own
    content (as_owner). Everyone else, German included, gets 404."""
    entry = entry_for(label)
    if entry is None or language not in desk_languages_all():
        raise Http404
    if may_translate_public(request, language):
        obj = entry.public().filter(pk=pk).first()
        if obj is not None:
            return obj, False
    obj = entry.model._default_manager.filter(pk=pk).first()
    if obj is not None and may_translate_as_owner(request, obj, language):
        return obj, True
    raise Http404


def object_languages(request, obj, as_owner: bool, summary: dict) -> list[dict]:
    """The languages the person may translate this object into, with its worst status in
    each (the editor's language switch)."""
    from translations.desk_selectors import direction, local_name

    codes = desk_languages_all() if as_owner else desk_languages(request)
    return [
        {
            "code": code,
            "name": local_name(code),
            "dir": direction(code),
            "status": summary[code],
        }
        for code in codes
    ]


def owners_note(request, obj) -> str:
    entry = entry_of(obj)
    return entry.owners_note(request, obj) if entry and entry.owners_note else ""
