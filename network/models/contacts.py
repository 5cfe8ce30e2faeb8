"""Contacts: people of member associations who agreed to be found by other members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import FieldOfActivity
from vmdo_portal.vocabulary import Language

NAME_MAX = 150
ROLE_MAX = 100


class ContactListing(models.Model):
    """A person's entry in the network's contact list, and their consent to it.

    Off until the person agrees (`visible`); withdrawing the consent takes them off the
    list at once. Only people with a membership in a member association are listed.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_listing",
        verbose_name=_("account"),
    )
    visible = models.BooleanField(_("visible to other members"), default=False)
    name = models.CharField(_("name shown"), max_length=NAME_MAX, blank=True)
    role = models.CharField(
        _("role or function"),
        max_length=ROLE_MAX,
        blank=True,
        help_text=_("For example chairwoman, treasurer, youth work."),
    )
    fields_of_activity = models.ManyToManyField(
        FieldOfActivity,
        verbose_name=_("fields of activity"),
        blank=True,
        related_name="contact_listings",
    )
    consented_at = models.DateTimeField(_("agreed on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("contact listing")
        verbose_name_plural = _("contact listings")
        ordering = ["name"]
        constraints = [
            # Nobody is visible without the time of their consent.
            models.CheckConstraint(
                condition=models.Q(visible=False) | models.Q(consented_at__isnull=False),
                name="contact_listing_visible_has_consent",
            )
        ]

    def __str__(self):
        # No personal data: the audit log keeps this text after the account is gone.
        return f"{self._meta.verbose_name} {self.pk}"

    @property
    def language_codes(self):
        return [entry.code for entry in self.languages.all()]


class ContactLanguage(models.Model):
    """A language the listed person speaks (ISO 639-1)."""

    listing = models.ForeignKey(ContactListing, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=Language)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "code"], name="unique_contact_language")
        ]

    def __str__(self):
        return self.get_code_display()
