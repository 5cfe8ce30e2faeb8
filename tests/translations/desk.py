"""Helpers of the translation desk's tests."""

from tests.factories import UserFactory
from translations.desk_services import translator_save
from translations.models import Translator


def make_translator(languages=("tr",), *, active=True, by=None, **user_fields):
    """An account assigned to these languages, through the service staff use."""
    user = UserFactory(**user_fields)
    translator = Translator(user=user, languages=list(languages), active=active)
    translator_save(translator=translator, by=by, created=True)
    return user


def editor_url(obj, language, lang_prefix="de"):
    return f"/{lang_prefix}/uebersetzen/{language}/{obj._meta.label_lower}/{obj.pk}/"
