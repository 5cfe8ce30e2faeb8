"""Writes of the translation desk: translations saved and reviewed, translators assigned.

Only the target language's translated texts of an object are ever written here: German
(the source) and every other field are left alone, whatever a form posts. A save opened
before someone changed the German text (or the translation) is refused and changes
nothing.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from translations.models import Translator, text_digest
from translations.registry import entry_of
from translations.services import (
    source_language,
    target_languages,
    text_of,
    translated_fields,
    translation_reviewed,
    translation_saved,
)
from vmdo_portal.audit import log_action
from vmdo_portal.services import Refused
from vmdo_portal.vocabulary import TranslationStatus


class GermanChangedMeanwhile(Refused):
    def __init__(self):
        super().__init__(
            _(
                "The German text was changed while you were translating. Nothing was saved. "
                "Please reload the page, read the new German text and translate again."
            )
        )


class TranslationChangedMeanwhile(Refused):
    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this translation while you were working on it. Nothing "
                "was saved. Please reload the page to see the current translation."
            )
        )


def desk_fingerprint(obj, language: str) -> str:
    """A fingerprint of the object's translated texts in `language` (all fields): a form
    carries the German one and the target language's one from when it was opened."""
    return text_digest(
        "\x00".join(text_of(obj, field, language) for field in translated_fields(type(obj)))
    )


def _locked(obj, language: str, *, source: str, target: str):
    if language not in target_languages():
        raise Refused(_("German is the original text; it is not translated here."))
    if entry_of(obj) is None:
        raise Refused(_("This content is not translated at the translation desk."))
    locked = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    if desk_fingerprint(locked, source_language()) != source:
        raise GermanChangedMeanwhile
    if desk_fingerprint(locked, language) != target:
        raise TranslationChangedMeanwhile
    return locked


@transaction.atomic
def desk_translation_save(
    *, obj, language: str, texts: dict, by, source: str, target: str, request=None, as_owner=False
) -> str:
    """Save the `language` texts of `obj` ({"description": "…"}, base field names) from
    the desk; returns what happened, for the person. Names that are not translated fields
    of the object are ignored. `source`/`target`: desk_fingerprint of German and of the
    target language when the form was opened. The association's people (`as_owner`) save
    through their app's service (members: review of untrusted associations)."""
    locked = _locked(obj, language, source=source, target=target)
    fields = translated_fields(type(locked))
    changed = {
        build_localized_fieldname(field, language): text.strip()
        for field, text in texts.items()
        if field in fields and text.strip() != text_of(locked, field, language)
    }
    if not changed:
        return str(_("Nothing was changed."))
    entry = entry_of(locked)
    if entry.save is not None:
        return entry.save(
            obj=locked, language=language, texts=changed, by=by, request=request, as_owner=as_owner
        )
    for name, text in changed.items():
        setattr(locked, name, text)
    locked.save(update_fields=list(changed))
    for field in fields:
        if build_localized_fieldname(field, language) in changed:
            translation_saved(locked, field, language, by=by)
    if entry.after_save is not None:
        entry.after_save(locked)
    log_action(
        locked, "translation.saved", by=by, data={"fields": list(changed), "language": language}
    )
    return str(_("The translation has been saved."))


@transaction.atomic
def desk_translation_review(*, obj, field: str, language: str, by, source: str, target: str):
    """A person read the machine translation of `field` as the form showed it and found it
    right, or an outdated translation and found it still right for the changed German: it
    becomes up to date (the text stays as it is). Returns the message for the person."""
    locked = _locked(obj, language, source=source, target=target)
    if field not in translated_fields(type(locked)):
        raise Refused(_("This text is not translated."))
    was = translation_reviewed(locked, field, language, by=by)
    log_action(
        locked,
        "translation.reviewed",
        by=by,
        data={"fields": [build_localized_fieldname(field, language)], "language": language},
    )
    if was == TranslationStatus.OUTDATED:
        return str(_("The translation is marked as still right for the changed German text."))
    return str(_("The machine translation is marked as reviewed."))


@transaction.atomic
def translator_save(*, translator: Translator, by, created: bool, fields=()) -> Translator:
    """Staff assigned an account to languages (`created`) or changed the assignment
    (`fields`: what changed) in the back office."""
    translator.full_clean()
    translator.save()
    if created:
        data = {"languages": translator.languages}
        log_action(translator, "translator.assigned", by=by, data=data)
    elif fields:
        log_action(translator, "translator.changed", by=by, data={"fields": list(fields)})
    return translator
