"""One public calendar: events of VMDO, its projects and its member associations."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from facilities.models import Booking, Room
from members.models import Association
from projects.models import Project, Site
from vmdo_portal.models import ListEntry
from vmdo_portal.uploads import RandomName
from vmdo_portal.vocabulary import Language


class Category(ListEntry):
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(ListEntry.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]


# The page of an event for the member associations (in the members' network area).
MEMBERS_DETAIL = "network:training"


class EventSeries(models.Model):
    """How a recurring event repeats; its dates are materialised as events."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("weekly")
        MONTHLY = "monthly", _("monthly on a weekday")

    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency)
    interval = models.PositiveSmallIntegerField(_("every …"), default=1)
    until_date = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("number of dates"), null=True, blank=True)
    exception_dates = models.JSONField(_("left-out dates"), default=list, blank=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return f"{self.get_frequency_display()} ({self.pk})"


class EventQuerySet(models.QuerySet):
    def public(self):
        """What visitors see, the one definition for every public page, feed, search and
        section: published and cancelled events (cancelled ones say so), except those for
        the member associations, which only the members' network area shows."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED]).exclude(
            audience=Event.Audience.MEMBERS
        )

    def for_members(self):
        """Published and cancelled events for the member associations (trainings): shown
        only in the members' network area (network.trainings)."""
        return self.filter(
            status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
            audience=Event.Audience.MEMBERS,
        )

    def upcoming(self, now):
        return self.filter(end__gte=now)

    def registration_open(self, now=None):
        """Events people can register for on the portal now: published, registering here,
        before the registration deadline (if any) and before the start. The one definition
        of "registration open" (the calendar's filter, Event.registration_is_open)."""
        now = now or timezone.now()
        return self.filter(
            Q(registration_deadline__isnull=True) | Q(registration_deadline__gt=now),
            registration=Event.RegistrationMode.PORTAL,
            status=Event.Status.PUBLISHED,
            start__gt=now,
        )

    def for_lists(self):
        """What the list's cards show (organisers are only on the detail page)."""
        return self.select_related("room__facility", "site").prefetch_related(
            "categories", "languages"
        )


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", pgettext_lazy("event status", "submitted")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    # The status changes the services allow (vmdo_portal.services.transition_ensure);
    # anything not listed is refused. A cancelled event stays cancelled.
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED, Status.PUBLISHED, Status.CANCELLED},
        Status.SUBMITTED: {Status.PUBLISHED, Status.DRAFT, Status.CANCELLED},
        Status.PUBLISHED: {Status.SUBMITTED, Status.DRAFT, Status.CANCELLED},
        Status.CANCELLED: set(),
    }

    class Location(models.TextChoices):
        ROOM = "room", _("a room in the Haus der Vielfalt")
        SITE = "site", _("a project site")
        ADDRESS = "address", _("an address")
        ONLINE = "online", _("online")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("everyone")
        FAMILIES = "families", _("families")
        WOMEN = "women", _("women")
        YOUTH = "youth", _("young people")
        SENIORS = "seniors", _("seniors")
        # Trainings and meetings of VMDO for its member associations: never public, listed
        # in the members' network area, registration by a member for their association.
        MEMBERS = "members", _("member associations")

    class RegistrationMode(models.TextChoices):
        NONE = "none", _("no registration needed")
        EXTERNAL = "external", _("on another website")
        PORTAL = "portal", _("here on the portal")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(_("all day"), default=False)
    location_kind = models.CharField(
        _("where"), max_length=10, choices=Location, default=Location.ADDRESS
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("room"),
        related_name="events",
    )
    booking = models.OneToOneField(
        Booking,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event",
        verbose_name=_("room booking"),
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("site"),
        related_name="events",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    online_url_after_registration = models.BooleanField(
        _("show the online link only to registered people"), default=False
    )
    organised_by_vmdo = models.BooleanField(_("organised by VMDO"), default=False)
    organiser_projects = models.ManyToManyField(
        Project, verbose_name=_("organising projects"), blank=True, related_name="events"
    )
    organiser_associations = models.ManyToManyField(
        Association, verbose_name=_("organising associations"), blank=True, related_name="events"
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="events"
    )
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience, default=Audience.EVERYONE
    )
    image = models.ImageField(_("image"), upload_to=RandomName("events/"), blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.CharField(_("price"), max_length=100, blank=True)
    registration = models.CharField(
        _("registration"), max_length=10, choices=RegistrationMode, default=RegistrationMode.NONE
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
    )
    registration_deadline = models.DateTimeField(_("registration closes"), null=True, blank=True)
    places_per_association = models.PositiveSmallIntegerField(
        _("places per association"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Events for the member associations only; empty: no limit."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    review_note = models.TextField(_("note from the office"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "title"]
        indexes = [
            models.Index(fields=["status", "start"], name="event_status_start"),
            # The public list in date order: a page of 20 is read off this index and
            # stops early, instead of sorting every upcoming event.
            models.Index(
                fields=["start", "id"],
                name="event_public_start",
                condition=Q(status__in=["published", "cancelled"]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="event_ends_after_it_starts",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.audience == self.Audience.MEMBERS:
            # Shown only in the members' area (network.trainings): its page by URL name,
            # so events does not import the app that builds on it.
            return reverse(MEMBERS_DETAIL, kwargs={"slug": self.slug})
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def for_members(self) -> bool:
        return self.audience == self.Audience.MEMBERS

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @cached_property
    def registration_is_open(self) -> bool:
        """Can people register for this event on the portal now? Asks the database with
        the one definition (EventQuerySet.registration_open), once per instance."""
        return Event.objects.registration_open().filter(pk=self.pk).exists()


class EventLanguage(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=Language)

    class Meta:
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="unique_event_language")
        ]

    def __str__(self):
        return self.get_code_display()


def new_cancel_token():
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def without_pending(self):
        """Registrations whose address was proven: pending ones are no one's business yet."""
        return self.exclude(status=Registration.Status.PENDING)


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting email confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CONFIRMED)
    cancel_token = models.CharField(
        max_length=64, unique=True, default=new_cancel_token, editable=False
    )
    # Events for the member associations: the association the person registered for
    # and their account (the certificate of participation is theirs), and whether staff
    # saw them take part.
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("association"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("account"),
    )
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"
