"""The Haus der Vielfalt: rooms, closures and room bookings that never double-book.

No two approved bookings of one room overlap: PostgreSQL guarantees it with an
exclusion constraint (migration 0002); services check first, under a row lock on the
room, so people get a friendly message instead of a database error.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Exists, F, Func, OuterRef, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.models import Association
from vmdo_portal import opening_hours
from vmdo_portal.dates import local_display
from vmdo_portal.models import ListEntry
from vmdo_portal.uploads import RandomName


def default_week():
    return {day: {"mode": opening_hours.CLOSED} for day in opening_hours.WEEKDAYS}


class Facility(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100, default="Dortmund")
    description = models.TextField(_("description"), blank=True)
    directions = models.TextField(_("how to get there"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    opening_hours = models.JSONField(_("opening hours"), default=default_week)
    house_rules = models.FileField(
        _("house rules (PDF)"), upload_to=RandomName("facilities/", ".pdf"), blank=True
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.opening_hours = opening_hours.validate_week(self.opening_hours)
        super().save(*args, **kwargs)

    def address_lines(self):
        return [self.street, f"{self.postal_code} {self.city}"]


class Equipment(ListEntry):
    class Meta(ListEntry.Meta):
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")


class Room(models.Model):
    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("facility")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    floor = models.CharField(_("floor"), max_length=50, blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    area = models.DecimalField(
        _("area in m²"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    equipment = models.ManyToManyField(Equipment, verbose_name=_("equipment"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    bookable = models.BooleanField(_("bookable"), default=True)
    bookable_hours = models.JSONField(_("bookable hours"), default=default_week)
    min_duration = models.PositiveSmallIntegerField(
        _("shortest booking (minutes)"), default=60, validators=[MinValueValidator(15)]
    )
    max_duration = models.PositiveSmallIntegerField(
        _("longest booking (minutes)"), default=480, validators=[MaxValueValidator(24 * 60)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("bookable up to (days ahead)"), default=180, validators=[MaxValueValidator(730)]
    )
    needs_approval = models.BooleanField(_("requests need approval"), default=True)
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        _("cancellation possible until (hours before)"), default=24
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_duration__gte=F("min_duration")),
                name="room_duration_limits_in_order",
                violation_error_message=_(
                    "The longest booking must not be shorter than the shortest."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.bookable_hours = opening_hours.validate_week(self.bookable_hours)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("facilities:room", kwargs={"slug": self.slug})

    def place(self) -> str:
        """Where, on one line: the room, its house and the house's address."""
        return ", ".join([self.name, self.facility.name, *self.facility.address_lines()])


class RoomPhoto(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=RandomName("facilities/rooms/"))
    thumbnail = models.ImageField(
        upload_to=RandomName("facilities/rooms/"), editable=False, blank=True
    )
    alt = models.CharField(_("description for people who cannot see the photo"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.alt


class Closure(models.Model):
    """The whole house (no room) or one room is unavailable."""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="closures", verbose_name=_("house")
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        related_name="closures",
        null=True,
        blank=True,
        verbose_name=_("room"),
        help_text=_("Empty: the whole house."),
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="closure_ends_after_it_starts",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self):
        return f"{self.room or self.facility}: {self.reason}"


class BookingSeries(models.Model):
    """A request as the association made it: one date, or weekly."""

    class Frequency(models.TextChoices):
        ONCE = "once", _("once")
        WEEKLY = "weekly", _("weekly")

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="series", verbose_name=_("room")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="booking_series",
        verbose_name=_("association"),
        null=True,
        blank=True,
        help_text=_("Empty: VMDO itself (for its own events)."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    attendees = models.PositiveSmallIntegerField(
        _("expected attendees"), validators=[MinValueValidator(1)]
    )
    start_time = models.TimeField(_("from (local time)"))
    end_time = models.TimeField(_("until (local time)"))
    first_date = models.DateField(_("first date"))
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency, default=Frequency.ONCE
    )
    interval_weeks = models.PositiveSmallIntegerField(_("every … weeks"), default=1)
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)
    until_date = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("number of dates"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking request")
        verbose_name_plural = _("booking requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.title} ({self.room})"


class BookingQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        """Half-open intervals: back-to-back bookings do not overlap.

        On PostgreSQL as a range overlap (&&) of the same expression as the exclusion
        constraint (facilities 0002), so that its GiST index finds a room's approved
        bookings in a period directly; "start < end AND end > start" can only use an
        index on one of the two columns and walks through all earlier bookings.
        """
        if connections[self.db].vendor != "postgresql":
            return self.filter(start__lt=end, end__gt=start)
        from django.contrib.postgres.fields import DateTimeRangeField
        from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

        def tstzrange(lower, upper):
            return Func(
                lower, upper, Value("[)"), function="tstzrange",
                output_field=DateTimeRangeField(),
            )  # fmt: skip

        span = tstzrange(F("start"), F("end"))
        if hasattr(start, "resolve_expression") or hasattr(end, "resolve_expression"):
            other = tstzrange(start, end)  # e.g. OuterRef("start"), OuterRef("end")
        else:
            other = DateTimeTZRange(start, end, "[)")
        return self.alias(span=span).filter(span__overlap=other)

    def approved(self):
        return self.filter(status=Booking.Status.APPROVED)

    def with_conflict(self):
        """Each booking with `has_conflict`: an approved booking of its room overlaps it."""
        clashing = (
            Booking.objects.approved()
            .filter(room=OuterRef("room"))
            .overlapping(OuterRef("start"), OuterRef("end"))
            .exclude(pk=OuterRef("pk"))
        )
        return self.annotate(has_conflict=Exists(clashing))


class Booking(models.Model):
    """One occurrence: a room, a start and an end (aware datetimes)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")
        CANCELLED = "cancelled", _("cancelled")

    # The status changes the services allow (vmdo_portal.services.transition_ensure);
    # anything not listed is refused. Moving an approved booking (booking_change) sends it
    # back to requested, to be approved again through booking_approve.
    TRANSITIONS = {
        Status.REQUESTED: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN, Status.CANCELLED},
        Status.APPROVED: {Status.REQUESTED, Status.CANCELLED},
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
        Status.CANCELLED: set(),
    }

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    series = models.ForeignKey(
        BookingSeries, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("request")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("association"),
        null=True,
        blank=True,
        help_text=_("Empty: VMDO itself (for its own events)."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        indexes = [models.Index(fields=["room", "start"], name="booking_room_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="booking_ends_after_it_starts",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self):
        return f"{self.series.title}: {local_display(self.start)}"

    @property
    def holding_event(self):
        """The event this booking holds the room for (events.Event.booking), unless that
        event is cancelled: such a booking moves and ends with its event."""
        event = getattr(self, "event", None)  # the reverse one-to-one; None without one
        return event if event is not None and event.status != "cancelled" else None


class CalendarToken(models.Model):
    """The secret address of an association's private booking calendar (revocable)."""

    association = models.OneToOneField(
        Association, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self):
        return str(self.association)
