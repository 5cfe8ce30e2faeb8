"""Where each translation stands: one row per object, translated field and language.

Stored when texts are saved (translations.services), never guessed from dates: a
translation is *outdated* when the German text it was made from (``source_digest``) is no
longer the German text. Objects are referred to generically (content type + id), so this
app knows none of the apps whose texts it tracks.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vmdo_portal.vocabulary import TranslationStatus

TERM_MAX_LENGTH = 200


def text_digest(text: str | None) -> str:
    """A fingerprint of a German text (surrounding white space does not count)."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()


class FieldTranslation(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    content_object = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=TranslationStatus, default=TranslationStatus.MISSING
    )
    # The German text the translation was made from (for a missing one: the German text
    # as it is now, so a queue can leave out fields with nothing to translate).
    source_digest = models.CharField(_("German text fingerprint"), max_length=64, blank=True)
    # The translation is a machine draft (reviewed or not): when its German text changes,
    # a new draft may replace it; a person's translation is left for people.
    machine_draft = models.BooleanField(_("machine draft"), default=False)
    # Why the last machine draft failed (a translations.machine.Reason); empty otherwise.
    machine_error = models.CharField(_("machine translation error"), max_length=30, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translations_one_status_per_field_language",
            )
        ]
        indexes = [models.Index(fields=["language", "status"], name="translations_queue")]

    def __str__(self):
        return f"{self.content_type_id}/{self.object_id} {self.field}_{self.language}"


def desk_language_choices():
    """The languages translators translate into: every portal language but German."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    ]


class Translator(models.Model):
    """An account staff assigned to languages: it may translate public content into them
    at the translation desk (/uebersetzen/), nothing else.

    The languages are a list of codes (JSON, so the SQLite development database works
    too); `translations.permissions` reads them, never trusting codes that are no longer
    portal languages.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="translator",
        verbose_name=_("account"),
    )
    languages = models.JSONField(_("languages"), default=list)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to pause the assignment.")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Only staff see this."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("translator")
        verbose_name_plural = _("translators")
        ordering = ["user__email"]

    def __str__(self):
        return str(self.user)

    def clean(self):
        known = {code for code, _name in desk_language_choices()}
        if not isinstance(self.languages, list) or not self.languages:
            raise ValidationError({"languages": _("Choose at least one language.")})
        if any(code not in known for code in self.languages):
            raise ValidationError({"languages": _("Choose languages of the portal only.")})

    def language_codes(self) -> list[str]:
        """The assigned languages that are still portal languages, in the portal's order."""
        assigned = set(self.languages if isinstance(self.languages, list) else [])
        return [code for code, _name in desk_language_choices() if code in assigned]


def validate_protected_term(value: str) -> None:
    """A term is plain text: no markup (it is matched in HTML-escaped text and would never
    be found). Line breaks and tabs are refused for every back-office text field."""
    if any(character in value for character in "<>"):
        raise ValidationError(
            _("A protected term is plain text: leave out < and >."), code="markup"
        )


class ProtectedTerm(models.Model):
    """A name or fixed term that machine translation must never translate (the glossary,
    edited by staff; translations.glossary.protected_terms reads it)."""

    term = models.CharField(
        _("term"),
        max_length=TERM_MAX_LENGTH,
        unique=True,
        validators=[MinLengthValidator(2), validate_protected_term],
        error_messages={"unique": _("This term is already in the glossary.")},
        help_text=_(
            "Written exactly as in the German texts (capital letters count). Machine "
            "translation keeps it as it is in every language."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("protected term")
        verbose_name_plural = _("protected terms")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def clean(self):
        # Runs of spaces as one: the texts are matched word by word.
        self.term = " ".join((self.term or "").split())


class MachineUsage(models.Model):
    """Characters sent to the machine translation service in one calendar month (Europe/
    Berlin), counted by translations.machine's budget: one row per month, reserved with a
    conditional update so that workers together never pass the monthly budget."""

    month = models.DateField(_("month"), unique=True)  # its first day
    characters = models.PositiveBigIntegerField(_("characters sent"), default=0)

    class Meta:
        verbose_name = _("machine translation usage")
        verbose_name_plural = _("machine translation usage")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.characters}"
