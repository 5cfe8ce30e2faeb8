"""What VMDO does: projects, the sites where people find help, documents, contacts."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Association
from vmdo_portal import opening_hours
from vmdo_portal.models import ListEntry
from vmdo_portal.uploads import ORIGINAL_NAME_MAX_LENGTH, RandomName
from vmdo_portal.vocabulary import District, Language


class Funder(models.Model):
    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def active(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=today), start_date__lte=today)

    def planned(self, today=None):
        return self.filter(start_date__gt=today or timezone.localdate())

    def completed(self, today=None):
        return self.filter(end_date__lt=today or timezone.localdate())


class Project(models.Model):
    class Kind(models.TextChoices):
        FEDERAL = "federal", _("federal project")
        NETWORK = "network", _("municipal network office")
        COUNSELLING = "counselling", _("counselling")
        ACCOMMODATION = "accommodation", _("accommodation")
        QUALIFICATION = "qualification", _("qualification")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")

    title = models.CharField(_("title"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    funders = models.ManyToManyField(Funder, verbose_name=_("funders"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Leave empty while the project runs on.")
    )
    website = models.URLField(_("website"), blank=True)
    image = models.ImageField(_("image"), upload_to=RandomName("projects/"), blank=True)
    image_thumbnail = models.ImageField(
        upload_to=RandomName("projects/"), blank=True, editable=False
    )
    partners = models.ManyToManyField(
        Association, verbose_name=_("partner associations"), blank=True, related_name="projects"
    )
    published = models.BooleanField(_("published"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
                violation_error_message=_("The project cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def status_on(self, today) -> str:
        """Planned before the first day, active from the first to the last day, then completed."""
        if today < self.start_date:
            return self.Status.PLANNED
        if self.end_date is not None and today > self.end_date:
            return self.Status.COMPLETED
        return self.Status.ACTIVE

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def get_status_display(self):
        return self.Status(self.status).label


class ContactPerson(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    public = models.BooleanField(
        _("shown publicly"), default=False, help_text=_("Only with the person's consent.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """What visitors may download: the documents of published projects."""
        return self.filter(project__published=True)


class Document(models.Model):
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF file"), upload_to=RandomName("documents/", ".pdf"))
    # The uploader's file name: stored under a random name, downloaded under this one.
    original_name = models.CharField(
        _("file name"), max_length=ORIGINAL_NAME_MAX_LENGTH, blank=True, editable=False
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=Language, default="de")
    date = models.DateField(_("date"), default=timezone.localdate)
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("project"),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title


class Service(ListEntry):
    """What people find at a site (staff-editable list)."""

    class Meta(ListEntry.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")


def default_week():
    return {day: {"mode": opening_hours.CLOSED} for day in opening_hours.WEEKDAYS}


class SiteQuerySet(models.QuerySet):
    def active(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(closed_since__isnull=True) | Q(closed_since__gt=today), project__published=True
        )


class Site(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="sites", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    operator = models.CharField(_("operator"), max_length=200, default="VMDO e.V.")
    run_by_vmdo = models.BooleanField(_("run by VMDO"), default=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Dortmund")
    district = models.CharField(_("district"), max_length=20, choices=District, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    services = models.ManyToManyField(Service, verbose_name=_("services"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    directions = models.TextField(_("how to get there"), blank=True)
    opening_hours = models.JSONField(_("opening hours"), default=default_week)
    closed_since = models.DateField(
        _("closed since"), null=True, blank=True, help_text=_("Empty while the site is open.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Opening hours are data that code computes with: never store them unchecked.
        self.opening_hours = opening_hours.validate_week(self.opening_hours)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:site", kwargs={"slug": self.slug})

    def clean(self):
        self.opening_hours = opening_hours.validate_week(self.opening_hours)

    def address_lines(self):
        city_line = " ".join(part for part in [self.postal_code, self.city] if part)
        return [line for line in [self.street, city_line] if line]

    @property
    def language_codes(self):
        return [entry.code for entry in self.languages.all()]


class SiteLanguage(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=Language)

    class Meta:
        verbose_name = _("language offered")
        verbose_name_plural = _("languages offered")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="unique_site_language")
        ]

    def __str__(self):
        return self.get_code_display()


class SiteException(models.Model):
    """A dated change of the hours: a holiday, a closure, special hours."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="exceptions")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: one day."))
    mode = models.CharField(
        _("on these days"),
        max_length=12,
        choices=list(opening_hours.MODES.items()),
        default=opening_hours.CLOSED,
    )
    ranges = models.JSONField(_("hours"), default=list, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="exception_ends_after_it_starts",
                violation_error_message=_("The exception cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.site}: {self.start_date}"

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        validated = opening_hours.validate_day(self.plan(), _("Exception"))
        self.ranges = validated.get("ranges", [])

    def plan(self) -> dict:
        if self.mode == opening_hours.OPEN:
            return {"mode": self.mode, "ranges": self.ranges}
        return {"mode": self.mode}
