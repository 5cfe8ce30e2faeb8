"""Wissen: the network's library of guides, templates, checklists and recordings.

A resource is shared by the VMDO office (published at once) or by a member association
(published at once when the association is trusted, else after staff review). Its file is
stored under a random name in `network/library/` and served only through the area's
protected view (network.library.views.download), never under /media/.
"""

import secrets

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from members.models import Association
from vmdo_portal.text import reject_control_characters
from vmdo_portal.uploads import ORIGINAL_NAME_MAX_LENGTH
from vmdo_portal.vocabulary import Language

FOLDER = "network/library/"


class FileKind(models.TextChoices):
    """What a checked upload is; its stored extension and the type it is served as."""

    PDF = "pdf", _("PDF document")
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel spreadsheet")
    ODT = "odt", _("OpenDocument text")
    JPG = "jpg", _("JPEG image")
    PNG = "png", _("PNG image")
    WEBP = "webp", _("WebP image")


CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.JPG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.WEBP: "image/webp",
}


@deconstructible
class StoredName:
    """`upload_to` of a resource's file: `network/library/<random><.kind>`; the kind was
    found by checking the content (network.library.uploads), never taken from the name."""

    def __call__(self, instance, filename: str) -> str:
        extension = f".{instance.file_kind}" if instance.file_kind in FileKind.values else ""
        return f"{FOLDER}{secrets.token_hex(16)}{extension}"

    def __eq__(self, other):
        return isinstance(other, StoredName)

    def __hash__(self):
        return hash(FOLDER)


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Resource.Status.PUBLISHED)


class Resource(models.Model):
    class Topic(models.TextChoices):
        ASSOCIATION_LAW = "vereinsrecht", _("Association law")
        FUNDING = "foerdermittel", _("Funding")
        BOOKKEEPING = "buchhaltung", _("Bookkeeping")
        PUBLIC_RELATIONS = "oeffentlichkeitsarbeit", _("Public relations")
        PARTICIPATION = "teilhabe", _("Integration and participation")
        OTHER = "sonstiges", _("Other topics")

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        TEMPLATE = "template", _("Template")
        CHECKLIST = "checklist", _("Checklist")
        RECORDING = "recording", _("Recording (link)")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone in an association")
        BOARD = "board", _("Boards")
        TREASURERS = "treasurers", _("Treasurers")
        VOLUNTEERS = "volunteers", _("Volunteers")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")

    TRANSITIONS = {
        Status.PENDING: {Status.PUBLISHED, Status.REJECTED},
    }

    title = models.CharField(_("title"), max_length=200, validators=[reject_control_characters])
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_(
            "Markdown: ## heading, **bold**, *italic*, - list item, [link text](https://…). "
            "HTML is shown as text."
        ),
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic, default=Topic.OTHER)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.GUIDE)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience, default=Audience.EVERYONE
    )
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("An address starting with https:// or http://, e.g. of a recording."),
    )
    file = models.FileField(_("file"), upload_to=StoredName(), blank=True, max_length=200)
    file_kind = models.CharField(
        _("file type"), max_length=8, choices=FileKind, blank=True, editable=False
    )
    # The uploader's file name: stored under a random name, downloaded under this one.
    original_name = models.CharField(
        _("file name"), max_length=ORIGINAL_NAME_MAX_LENGTH, blank=True, editable=False
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    association = models.ForeignKey(
        Association,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_resources",
        verbose_name=_("shared by association"),
        help_text=_("Empty: shared by the VMDO office."),
    )
    # Kept empty once the person's account is deleted: the resource stays with its
    # association, the person is shown as a deleted account.
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_resources",
        verbose_name=_("shared by"),
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.PENDING, editable=False
    )
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    reason = models.TextField(_("reason for the rejection"), blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("network:library_detail", args=[self.pk])

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.file_kind, "application/octet-stream")


class ResourceLanguage(models.Model):
    """A language a resource is in (ISO 639-1, the portal's language vocabulary)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=Language)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "code"], name="unique_resource_language")
        ]

    def __str__(self):
        return self.get_code_display()
