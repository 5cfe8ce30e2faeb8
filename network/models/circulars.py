"""Circulars (Rundschreiben): the office writes to the member associations.

A circular is written in German (translations through modeltranslation), addressed to
all member associations or to those of chosen fields of activity, districts and spoken
languages, and sent by email to the accounts of those associations. Sending creates one
delivery row per address first; the background task sends the rows still pending, so a
retried batch never emails anyone twice (network.circulars.services).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vmdo_portal.text import reject_control_characters

BODY_MAX_LENGTH = 20_000


class Circular(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")

    # The status changes the services allow (vmdo_portal.services.transition_ensure):
    # sent → sending when staff send the failed deliveries again.
    TRANSITIONS = {
        Status.DRAFT: {Status.SENDING},
        Status.SENDING: {Status.SENT},
        Status.SENT: {Status.SENDING},
    }

    subject = models.CharField(_("subject"), max_length=200, validators=[reject_control_characters])
    body = models.TextField(
        _("text"),
        validators=[MaxLengthValidator(BODY_MAX_LENGTH)],
        help_text=_(
            "Markdown: ## heading, **bold**, *italic*, - list item, [link text](https://…). "
            "HTML is shown as text."
        ),
    )
    # Who gets it: the accounts of member associations matching every chosen criterion
    # (any of its values); nothing chosen = all member associations.
    fields_of_activity = models.ManyToManyField(
        "members.FieldOfActivity",
        verbose_name=_("fields of activity"),
        blank=True,
        related_name="+",
        help_text=_("Only associations active in one of these fields."),
    )
    districts = models.JSONField(
        _("districts"),
        default=list,
        blank=True,
        help_text=_("Only associations in one of these districts."),
    )
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_("Only associations that speak one of these languages."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    finished_at = models.DateTimeField(_("all deliveries done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")
        ordering = ["-sent_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-sent_at"], name="circular_archive")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("network:circular", args=[self.pk])

    @property
    def in_archive(self) -> bool:
        return self.status != self.Status.DRAFT


class CircularDelivery(models.Model):
    """One recipient of a circular: the row says whether the email went out.

    The address stays for 90 days after sending (to answer "did it reach me?"), then
    it is deleted (`circular_addresses_purge`); the counts stay."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    circular = models.ForeignKey(
        Circular, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("circular")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circular_deliveries",
        verbose_name=_("account"),
    )
    association = models.ForeignKey(
        "members.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
    )
    # NULL once the address is purged or its person erased (NULL, not "": the rows stay
    # unique per circular and address while many have none).
    email = models.EmailField(_("email"), null=True, blank=True)  # noqa: DJ001
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    error = models.CharField(_("error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery of a circular")
        verbose_name_plural = _("deliveries of circulars")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["circular", "email"], name="unique_circular_delivery")
        ]
        indexes = [models.Index(fields=["circular", "status"], name="circular_delivery_status")]

    def __str__(self):
        return f"{self.circular_id}: {self.email or '–'} ({self.get_status_display()})"
