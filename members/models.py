"""Member associations, the people who keep them current, and how they join."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vmdo_portal.dates import local_display
from vmdo_portal.models import ListEntry
from vmdo_portal.uploads import RandomName
from vmdo_portal.vocabulary import District, Language

INVITATION_VALIDITY = timedelta(days=14)


class FieldOfActivity(ListEntry):
    """What associations do (staff-editable list)."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(ListEntry.Meta):
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")
        ordering = ["order", "name"]


class Community(ListEntry):
    """A community of origin (staff-editable list), e.g. Turkish, Kurdish, Syrian."""

    class Meta(ListEntry.Meta):
        verbose_name = _("community of origin")
        verbose_name_plural = _("communities of origin")


class AssociationQuerySet(models.QuerySet):
    def public(self):
        """What visitors see: published member associations."""
        return self.filter(published=True, status=Association.Status.MEMBER)


class Association(models.Model):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("applicant")
        MEMBER = "member", _("member")
        FORMER = "former", _("former member")

    class LegalForm(models.TextChoices):
        REGISTERED = "ev", _("registered association (e.V.)")
        UNREGISTERED = "unregistered", _("unregistered association")
        GGMBH = "ggmbh", _("non-profit company (gGmbH)")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm, default=LegalForm.REGISTERED
    )
    register_court = models.CharField(_("register court"), max_length=100, blank=True)
    register_number = models.CharField(
        _("register number"), max_length=50, blank=True, help_text=_("Never shown publicly.")
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    member_since = models.DateField(_("member of VMDO since"), null=True, blank=True)
    founding_member = models.BooleanField(
        _("founding member"), default=False, help_text=_("One of the founders of VMDO in 2008.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.MEMBER)
    published = models.BooleanField(_("published"), default=False)
    trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Its profile changes are published without review."),
    )
    description = models.TextField(_("description"), blank=True)
    regular_activities = models.TextField(_("regular activities and meeting times"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=RandomName("associations/logos/"), blank=True)
    logo_thumbnail = models.ImageField(
        upload_to=RandomName("associations/logos/"), blank=True, editable=False
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Dortmund", blank=True)
    district = models.CharField(_("district"), max_length=20, choices=District, blank=True)
    contact_person = models.CharField(_("public contact person"), max_length=150, blank=True)
    fields_of_activity = models.ManyToManyField(
        FieldOfActivity,
        verbose_name=_("fields of activity"),
        blank=True,
        related_name="associations",
    )
    communities = models.ManyToManyField(
        Community, verbose_name=_("communities of origin"), blank=True, related_name="associations"
    )
    # Consent: what the association agreed to show publicly.
    show_email = models.BooleanField(_("show email publicly"), default=True)
    show_phone = models.BooleanField(_("show phone publicly"), default=False)
    show_address = models.BooleanField(_("show address publicly"), default=True)
    show_contact_person = models.BooleanField(_("show contact person publicly"), default=False)
    # Optimistic locking: every saved change increments it.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Folded search text (members.search), written by members.services.
    search_name = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = AssociationQuerySet.as_manager()

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:profile", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.published and self.status == self.Status.MEMBER

    @property
    def language_codes(self):
        return [entry.code for entry in self.languages.all()]

    def address_lines(self):
        city_line = " ".join(part for part in [self.postal_code, self.city] if part)
        return [line for line in [self.street, city_line] if line]


class AssociationLanguage(models.Model):
    """A language spoken in an association (ISO 639-1)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=Language)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "code"], name="unique_association_language"
            )
        ]

    def __str__(self):
        return self.get_code_display()


class Membership(models.Model):
    """A person's rights to an association."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("editor")
        ADMIN = "admin", _("association admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("association"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.EDITOR)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("account of an association")
        verbose_name_plural = _("accounts of associations")
        ordering = ["association__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "association"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} – {self.association} ({self.get_role_display()})"


def new_token():
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + INVITATION_VALIDITY


class Invitation(models.Model):
    email = models.EmailField(_("email"))
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("association"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role, default=Membership.Role.EDITOR
    )
    language = models.CharField(
        _("language of the email"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.association}"

    def get_absolute_url(self):
        return reverse("members:invitation", kwargs={"token": self.token})

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at


class ProfileRevision(models.Model):
    """A change of an untrusted association's profile, waiting for staff review."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        SUPERSEDED = "superseded", _("superseded by a newer change")

    # The status changes the services allow (vmdo_portal.services.transition_ensure);
    # anything not listed is refused: a decided change stays decided.
    TRANSITIONS = {
        Status.PENDING: {Status.APPROVED, Status.REJECTED, Status.SUPERSEDED},
        Status.APPROVED: set(),
        Status.REJECTED: set(),
        Status.SUPERSEDED: set(),
    }

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("association"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(
        pgettext_lazy("date of submission", "submitted"), auto_now_add=True
    )
    changes = models.JSONField(_("changes"), default=dict)
    previous = models.JSONField(_("values before"), default=dict)
    logo = models.ImageField(
        _("new logo"), upload_to=RandomName("associations/revisions/"), blank=True
    )
    logo_thumbnail = models.ImageField(upload_to=RandomName("associations/revisions/"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # Ticked on the dashboard: a correction of the German texts (a typo) that leaves the
    # translations up to date when the change is approved.
    minor = models.BooleanField(
        _("minor change"),
        default=False,
        help_text=_(
            "The association marked this as a correction that does not change the meaning: "
            "approving it leaves the translations up to date."
        ),
    )

    class Meta:
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["association"],
                condition=models.Q(status="pending"),
                name="one_pending_revision_per_association",
            )
        ]

    def __str__(self):
        return f"{self.association} ({local_display(self.submitted_at)})"


def field_labels(names) -> list[str]:
    """Readable names of profile fields ("description [ar]", "logo", an email, ...)."""
    labels = []
    for name in names:
        try:
            field = Association._meta.get_field(name)
        except FieldDoesNotExist:
            labels.append(name)
            continue
        label = (
            getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural
        )
        labels.append(str(label))
    return labels


class MembershipApplication(models.Model):
    """An organisation that wants to join VMDO."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    # The status changes the services allow (vmdo_portal.services.transition_ensure);
    # anything not listed is refused: a decided application stays decided.
    TRANSITIONS = {
        Status.NEW: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: set(),
        Status.REJECTED: set(),
    }

    organisation_name = models.CharField(_("name of the organisation"), max_length=200)
    legal_form = models.CharField(
        _("legal form"),
        max_length=20,
        choices=Association.LegalForm,
        default=Association.LegalForm.REGISTERED,
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    district = models.CharField(_("district"), max_length=20, choices=District, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what your organisation does"))
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    consent = models.BooleanField(_("consent to data processing"), default=False)
    submitted_at = models.DateTimeField(
        pgettext_lazy("date of submission", "submitted"), auto_now_add=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    association = models.OneToOneField(
        Association,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("association created"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.organisation_name
