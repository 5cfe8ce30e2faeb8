"""The portal's languages: one place that knows the language prefix of a path."""

from django.conf import settings
from django.utils.translation import get_language_info

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def switch_language_path(full_path: str, code: str) -> str:
    """The same page in another language: paths are identical, only the prefix changes."""
    path, sep, query = full_path.partition("?")
    segments = path.split("/")
    # segments[0] is "" because paths start with "/".
    if len(segments) > 1 and segments[1] in LANGUAGE_CODES:
        segments[1] = code
        path = "/".join(segments)
    else:
        path = f"/{code}{path}"
    return path + sep + query


def language_links(full_path: str, current: str) -> list[dict]:
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": switch_language_path(full_path, code),
            "current": code == current,
            "bidi": code in settings.LANGUAGES_BIDI,
        }
        for code in LANGUAGE_CODES
    ]
