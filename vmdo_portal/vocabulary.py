"""Shared vocabulary: Dortmund's districts and the languages people speak.

Defined once and imported by every app (members, projects, events, ...).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    """The twelve Stadtbezirke of Dortmund."""

    INNENSTADT_WEST = "innenstadt-west", "Innenstadt-West"
    INNENSTADT_NORD = "innenstadt-nord", "Innenstadt-Nord"
    INNENSTADT_OST = "innenstadt-ost", "Innenstadt-Ost"
    EVING = "eving", "Eving"
    SCHARNHORST = "scharnhorst", "Scharnhorst"
    BRACKEL = "brackel", "Brackel"
    APLERBECK = "aplerbeck", "Aplerbeck"
    HOERDE = "hoerde", "Hörde"
    HOMBRUCH = "hombruch", "Hombruch"
    LUETGENDORTMUND = "luetgendortmund", "Lütgendortmund"
    HUCKARDE = "huckarde", "Huckarde"
    MENGEDE = "mengede", "Mengede"


class Language(models.TextChoices):
    """Languages (ISO 639-1) spoken in associations, at sites and at events."""

    AR = "ar", _("Arabic")
    BG = "bg", _("Bulgarian")
    BS = "bs", _("Bosnian")
    DE = "de", _("German")
    EL = "el", _("Greek")
    EN = "en", _("English")
    ES = "es", _("Spanish")
    FA = "fa", _("Persian")
    FR = "fr", _("French")
    HR = "hr", _("Croatian")
    HY = "hy", _("Armenian")
    IT = "it", _("Italian")
    KU = "ku", _("Kurdish")
    PL = "pl", _("Polish")
    PS = "ps", _("Pashto")
    PT = "pt", _("Portuguese")
    RO = "ro", _("Romanian")
    RU = "ru", _("Russian")
    SO = "so", _("Somali")
    SQ = "sq", _("Albanian")
    SR = "sr", _("Serbian")
    TI = "ti", _("Tigrinya")
    TR = "tr", _("Turkish")
    UK = "uk", _("Ukrainian")
    UR = "ur", _("Urdu")
    VI = "vi", _("Vietnamese")
    ZH = "zh", _("Chinese")


def language_choices():
    """Spoken languages, sorted by their name in the visitor's language and alphabet."""
    from vmdo_portal.collation import sorted_by_locale

    return sorted_by_locale(Language.choices, key=lambda choice: choice[1])


class TranslationStatus(models.TextChoices):
    """Where a translation of a text stands (design: Languages)."""

    SOURCE = "source", _("original")  # the German text the others translate
    MISSING = "missing", _("missing")
    CURRENT = "current", _("up to date")
    OUTDATED = "outdated", _("outdated")
    # Set by the machine-translation backend (translations app, planned) until a
    # person has checked the draft.
    MACHINE = "machine", _("machine translation, not reviewed")
