"""Text helpers shared by the apps."""

from django.utils.text import slugify

GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def german_slug(text: str, max_length: int = 70) -> str:
    """A web address part: "Brücke Hörde" → "bruecke-hoerde"."""
    return slugify(text.translate(GERMAN_LETTERS))[:max_length]
