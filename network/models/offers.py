"""Biete / Suche: what member associations offer each other or ask for.

A post belongs to its association; the person who wrote it is kept as long as their
account exists (posts of a deleted account stay with the association). Answers are sent
by email through the portal; what is stored of an answer is only that it was sent (who,
to which post, when, whether the address was shared): the message itself travels in the
email task and is not kept.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Association
from vmdo_portal.text import reject_control_characters
from vmdo_portal.vocabulary import District, Language


class OfferPostQuerySet(models.QuerySet):
    def current(self, today=None):
        """What the area lists: open, not hidden, valid until today (local date) or later."""
        today = today or timezone.localdate()
        return self.filter(status=OfferPost.Status.OPEN, hidden=False, valid_until__gte=today)

    def not_hidden(self):
        return self.filter(hidden=False)


class OfferPost(models.Model):
    class Kind(models.TextChoices):
        OFFER = "offer", _("We offer")
        REQUEST = "request", _("We are looking for")

    class Category(models.TextChoices):
        VOLUNTEERS = "volunteers", _("Volunteers")
        INTERPRETERS = "interpreters", _("Interpreters")
        EQUIPMENT = "equipment", _("Equipment to lend")
        EXPERTISE = "expertise", _("Expertise")
        FUNDING = "funding", _("Joint funding application")
        ROOMS = "rooms", _("Room sharing")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")

    TRANSITIONS = {Status.OPEN: {Status.DONE}, Status.DONE: {Status.OPEN}}

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="network_posts",
        verbose_name=_("association"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_posts",
        verbose_name=_("written by"),
    )
    kind = models.CharField(_("offer or request"), max_length=10, choices=Kind)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    title = models.CharField(_("title"), max_length=120, validators=[reject_control_characters])
    text = models.TextField(
        _("text"),
        max_length=4000,
        help_text=_("Markdown: **bold**, *italic*, - list item. HTML is shown as text."),
    )
    district = models.CharField(_("district"), max_length=20, choices=District, blank=True)
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    hidden = models.BooleanField(_("hidden by the office"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = OfferPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer or request")
        verbose_name_plural = _("offers and requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "hidden", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden=False) | ~Q(hidden_reason=""),
                name="offer_hidden_with_reason",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:offers_detail", args=[self.pk])

    @property
    def language_codes(self):
        return [entry.code for entry in self.languages.all()]

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and not self.hidden and self.valid_until >= today


class OfferPostLanguage(models.Model):
    """A language of a post: spoken by the volunteers offered, needed from an interpreter."""

    post = models.ForeignKey(OfferPost, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=Language)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["post", "code"], name="unique_offer_post_language")
        ]

    def __str__(self):
        return self.get_code_display()


class OfferAnswer(models.Model):
    """That someone answered a post through the portal (the message is not kept)."""

    post = models.ForeignKey(OfferPost, on_delete=models.CASCADE, related_name="answers")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_answers",
        verbose_name=_("sent by"),
    )
    email_shared = models.BooleanField(_("email address shared"), default=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("answer to an offer or request")
        verbose_name_plural = _("answers to offers and requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"#{self.pk} → {self.post}"


class OfferReport(models.Model):
    """A member tells the office that a post does not belong in the area."""

    post = models.ForeignKey(
        OfferPost, on_delete=models.CASCADE, related_name="reports", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_reports",
        verbose_name=_("reported by"),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("report of an offer or request")
        verbose_name_plural = _("reports of offers and requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"#{self.pk} → {self.post}"
