"""Text helpers shared by the apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
# Every character that ends a line somewhere (CR, LF, vertical tab, form feed, the
# separators of Python's str.splitlines, NEL, Unicode's line and paragraph separators) …
LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# … and the other C0 and C1 control characters and DEL, which no name or title needs.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_LINE_BREAK_AND_TAB = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def german_slug(text: str, max_length: int = 70) -> str:
    """A web address part: "Brücke Hörde" → "bruecke-hoerde"."""
    return slugify(text.translate(GERMAN_LETTERS))[:max_length]


def reject_control_characters(value: str) -> None:
    """Validator of names, titles and other short texts: no line breaks, no control
    characters. They end up in calendar feeds, mail and CSV exports, where a line break
    starts a new property, line or row."""
    if value and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Please use only letters, numbers and punctuation (no line breaks or tabs)."),
            code="control_characters",
        )


def feed_text(text: str) -> str:
    """Text as a feed (iCal, Atom) may carry it: every kind of line break as LF, which the
    feed escapes, and no other control characters (rows saved before the validator)."""
    return _CONTROL_BUT_LINE_BREAK_AND_TAB.sub("", LINE_BREAKS.sub("\n", text or ""))


def one_line(text: str) -> str:
    """The text on one line: line breaks and control characters become spaces."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text or "").split())
