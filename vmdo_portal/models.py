"""Site-wide models: the portal's user account, the staff-editable pages, the audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    """Accounts are identified by their email address; there are no usernames."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        default="de",
        help_text=_("Emails to this person are written in this language."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user account")
        verbose_name_plural = _("user accounts")
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name or self.email


class Page(models.Model):
    """A page whose text staff edit in the admin (home, about, legal pages)."""

    class Key(models.TextChoices):
        HOME = "home", _("Home page")
        ABOUT = "about", _("About us")
        IMPRINT = "imprint", _("Legal notice")
        PRIVACY = "privacy", _("Privacy policy")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    URL_NAMES = {
        Key.HOME: "home",
        Key.ABOUT: "about",
        Key.IMPRINT: "imprint",
        Key.PRIVACY: "privacy",
        Key.ACCESSIBILITY: "accessibility",
    }

    key = models.CharField(_("page"), max_length=20, choices=Key, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences, shown to search engines and in link previews."),
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown: ## heading, **bold**, *italic*, - list item, [link text](https://…). "
            "HTML is shown as text."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["key"]

    def __str__(self):
        return self.get_key_display()

    def get_absolute_url(self):
        return reverse(self.URL_NAMES[self.key])


class ListEntry(models.Model):
    """An entry of a staff-editable list (fields of activity, services, categories, ...)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name in web addresses"), max_length=100, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class AuditEntry(models.Model):
    """One line of the audit log: who did what to which object, when, with what data.

    Any app's object is referred to generically (content type + id) and by the text it had
    (`object_repr`), so an entry outlives its object. `actor_name` keeps who acted readable
    after their account is gone (deleting an account anonymises it). The actions and their
    labels are listed in `vmdo_portal.audit`; services write entries with `log_action`.
    """

    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    actor_name = models.CharField(_("by"), max_length=200, blank=True)
    action = models.CharField(_("what"), max_length=60)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object number"))
    object_repr = models.CharField(_("object"), max_length=200)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(
                "content_type", "object_id", models.F("at").desc(), name="audit_object_at"
            ),
            models.Index(models.F("at").desc(), name="audit_at"),
        ]

    def __str__(self):
        return f"{self.object_repr}: {self.action_label}"

    @property
    def action_label(self) -> str:
        from vmdo_portal.audit import action_label

        return action_label(self.action)

    @property
    def fields(self) -> list[str]:
        return list(self.data.get("fields", []))

    def field_labels(self) -> list[str]:
        from vmdo_portal.audit import field_labels

        return field_labels(self.content_type.model_class(), self.fields)


class PageVisits(models.Model):
    """How often a public page was visited in a month: a path without its language prefix
    ("/vereine/kulturbruecke/"), nothing about who visited (vmdo_portal.visits)."""

    path = models.CharField(_("page address"), max_length=300)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    count = models.PositiveBigIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("page visits")
        verbose_name_plural = _("page visits")
        constraints = [
            models.UniqueConstraint(fields=["path", "month"], name="page_visits_one_per_month")
        ]
        indexes = [models.Index(fields=["month"], name="page_visits_month")]

    def __str__(self):
        return f"{self.path} {self.month:%Y-%m}: {self.count}"
