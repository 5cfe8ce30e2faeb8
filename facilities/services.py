"""Booking workflows. Every approve path goes through booking_approve, which locks the room,
checks, and turns the database's exclusion-constraint error into the same friendly message."""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facilities import notices, rules
from facilities.models import Booking, BookingSeries, Closure, Room
from vmdo_portal import recurrence
from vmdo_portal.audit import log_action, log_actions
from vmdo_portal.emails import send_templated_mail
from vmdo_portal.l10n import format_date
from vmdo_portal.services import Refused, transition_allowed, transition_ensure


class BookingConflict(Refused):
    """The room is taken (or closed) at that time: a series approval skips such dates."""


@dataclass
class Occurrence:
    day: date
    start: object
    end: object
    conflicts: list = field(default_factory=list)


CONFLICT_MESSAGE = _("The room is already booked at this time.")


def room_conflicts(room, start, end, exclude_pk=None) -> list[str]:
    reasons = []
    taken = Booking.objects.approved().overlapping(start, end).filter(room=room)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        reasons.append(str(CONFLICT_MESSAGE))
    for closure in Closure.objects.filter(
        Q(room=room) | Q(room__isnull=True, facility_id=room.facility_id),
        start__lt=end,
        end__gt=start,
    ):
        reasons.append(str(_("The room is closed: %(reason)s") % {"reason": closure.reason}))
    return reasons


def plan_request(
    *,
    room: Room,
    attendees: int,
    first_date: date,
    start_time: time,
    end_time: time,
    frequency: str = "once",
    interval_weeks: int = 1,
    weekdays=(),
    until_date=None,
    count=None,
    now=None,
    skippable_hours: bool = False,
) -> list[Occurrence]:
    """Check a request against every rule; returns its occurrences with their conflicts.

    Rules that no occurrence may break raise Refused; conflicts (another booking,
    a closure) are reported per occurrence so people can skip those dates. With
    `skippable_hours` (a request, which may skip dates) a date outside the room's or the
    house's hours is such a conflict too; otherwise it refuses the whole plan.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    errors = []
    if not room.bookable:
        errors.append(_("This room cannot be booked."))
    if end_time <= start_time:
        errors.append(_("The end must be after the start."))
    else:
        duration = rules.minutes(end_time) - rules.minutes(start_time)
        if duration < room.min_duration:
            errors.append(
                _("Bookings of this room last at least %(minutes)d minutes.")
                % {"minutes": room.min_duration}
            )
        if duration > room.max_duration:
            errors.append(
                _("Bookings of this room last at most %(minutes)d minutes.")
                % {"minutes": room.max_duration}
            )
    if attendees > room.capacity:
        errors.append(
            _("The room has %(capacity)d seats; %(attendees)d people are too many.")
            % {"capacity": room.capacity, "attendees": attendees}
        )
    if interval_weeks < 1 or interval_weeks > 8:
        errors.append(_("Choose a repetition between every week and every 8 weeks."))
    try:
        dates = recurrence.series_dates(
            first_date=first_date,
            frequency=frequency,
            interval=max(interval_weeks, 1),
            weekdays=weekdays,
            until_date=until_date,
            count=count,
            needs_an_end=rules.WEEKLY_NEEDS_AN_END,
            too_many=rules.TOO_MANY_DATES,
        )
    except Refused as refused:
        raise Refused([*errors, *refused.errors]) from refused
    if errors:
        raise Refused(errors)

    last_bookable = rules.horizon_end(room, today)
    occurrences = []
    for day in dates:
        start = recurrence.local_instant(day, start_time)
        end = recurrence.local_instant(day, end_time)
        if start <= now:
            raise Refused([_("%(date)s is in the past.") % {"date": format_date(day)}])
        if day > last_bookable:
            raise Refused(
                [
                    _("This room can be booked up to %(days)d days ahead (until %(date)s).")
                    % {"days": room.horizon_days, "date": format_date(last_bookable)}
                ]
            )
        hours = _outside_hours(room, day, start_time, end_time)
        if hours and not skippable_hours:
            raise Refused([f"{format_date(day)}: {hours[0]}"])
        occurrences.append(
            Occurrence(
                day=day, start=start, end=end, conflicts=hours + room_conflicts(room, start, end)
            )
        )
    return occurrences


def _outside_hours(room, day, start_time, end_time) -> list[str]:
    if not rules.within_hours(room.bookable_hours, day, start_time, end_time):
        return [str(_("The room cannot be booked at this time."))]
    if not rules.within_hours(room.facility.opening_hours, day, start_time, end_time):
        return [str(_("The house is closed at this time."))]
    return []


@transaction.atomic
def booking_request(
    *,
    room: Room,
    association,
    requested_by,
    title: str,
    purpose: str = "",
    attendees: int,
    first_date: date,
    start_time: time,
    end_time: time,
    frequency: str = "once",
    interval_weeks: int = 1,
    weekdays=(),
    until_date=None,
    count=None,
    skip_dates=(),
) -> BookingSeries:
    """Request a room once or weekly. Conflicting dates must be skipped explicitly.

    The room is locked first, so parallel requests check their conflicts one after the
    other: the loser of a race is refused with the friendly message, not a database error.
    """
    _lock_room(room.pk)
    occurrences = plan_request(
        room=room,
        attendees=attendees,
        first_date=first_date,
        start_time=start_time,
        end_time=end_time,
        frequency=frequency,
        interval_weeks=interval_weeks,
        weekdays=weekdays,
        until_date=until_date,
        count=count,
        skippable_hours=True,
    )
    skip = set(skip_dates)
    unresolved = [o for o in occurrences if o.conflicts and o.day not in skip]
    if unresolved:
        raise Refused([f"{format_date(o.day)}: {'; '.join(o.conflicts)}" for o in unresolved])
    wanted = [o for o in occurrences if o.day not in skip]
    if not wanted:
        raise Refused([_("No date is left to book.")])
    series = BookingSeries.objects.create(
        room=room,
        association=association,
        requested_by=requested_by,
        title=title,
        purpose=purpose,
        attendees=attendees,
        start_time=start_time,
        end_time=end_time,
        first_date=first_date,
        frequency=frequency,
        interval_weeks=interval_weeks,
        weekdays=sorted(set(weekdays)),
        until_date=until_date,
        count=count,
    )
    bookings = Booking.objects.bulk_create(
        Booking(room=room, series=series, association=association, start=o.start, end=o.end)
        for o in wanted
    )
    log_actions(bookings, "booking.requested", by=requested_by)
    if not room.needs_approval:
        with notices.batch():
            for booking in bookings:
                booking_approve(booking=booking, by=None)  # a lost race: BookingConflict
    return series


def _log(booking, by, action, **data):
    """The audit log entry of a step (`note`, `reason`: texts, kept only when given)."""
    log_action(booking, action, by=by, data={key: str(text) for key, text in data.items() if text})


def _lock_room(room_id) -> Room:
    return Room.objects.select_for_update().get(pk=room_id)


@transaction.atomic
def booking_approve(
    *, booking: Booking, by, reject_overlapping: bool = False, notify: bool = True
) -> Booking:
    """Approve a request. Raises BookingConflict when the room is taken or closed,
    Refused when the booking is not a request."""
    _lock_room(booking.room_id)
    booking = (
        Booking.objects.select_for_update().select_related("series", "room").get(pk=booking.pk)
    )
    transition_ensure(booking, Booking.Status.APPROVED)
    conflicts = room_conflicts(booking.room, booking.start, booking.end, exclude_pk=booking.pk)
    if conflicts:
        raise BookingConflict(" ".join(conflicts))
    booking.status = Booking.Status.APPROVED
    booking.decided_by = by
    booking.decided_at = timezone.now()
    try:
        with transaction.atomic():
            booking.save(update_fields=["status", "decided_by", "decided_at"])
    except IntegrityError as error:
        # The exclusion constraint: another approval won a race the lock did not see.
        raise BookingConflict(CONFLICT_MESSAGE) from error
    _log(booking, by, "booking.approved")
    with notices.batch():
        if notify:
            _notify(booking, notices.APPROVED)
        if reject_overlapping:
            for other in overlapping_requests(booking):
                booking_reject(
                    booking=other, by=by, reason=str(_("The room was given to another request."))
                )
    return booking


def overlapping_requests(booking: Booking):
    return (
        Booking.objects.filter(room_id=booking.room_id, status=Booking.Status.REQUESTED)
        .overlapping(booking.start, booking.end)
        .exclude(pk=booking.pk)
        .select_related("series")
    )


def series_approve(*, series: BookingSeries, by) -> tuple[int, int]:
    """Approve a whole series; occurrences that conflict are rejected (skipped). The
    requester hears of both in one email."""
    approved = skipped = 0
    with notices.batch():
        for booking in series.bookings.filter(status=Booking.Status.REQUESTED).order_by("start"):
            try:
                booking_approve(booking=booking, by=by)
                approved += 1
            except BookingConflict as conflict:
                booking_reject(booking=booking, by=by, reason=str(conflict))
                skipped += 1
    return approved, skipped


@transaction.atomic
def booking_reject(*, booking: Booking, by, reason: str, notify: bool = True) -> None:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    transition_ensure(booking, Booking.Status.REJECTED)
    booking.status = Booking.Status.REJECTED
    booking.decided_by = by
    booking.decided_at = timezone.now()
    booking.reason = reason
    booking.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _log(booking, by, "booking.rejected", reason=reason)
    if notify:
        _notify(booking, notices.REJECTED)


@transaction.atomic
def booking_withdraw(*, booking: Booking, by) -> None:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    _refuse_if_held_by_event(booking)
    if not transition_allowed(booking, Booking.Status.WITHDRAWN):
        raise Refused([_("Only open requests can be withdrawn.")])
    booking.status = Booking.Status.WITHDRAWN
    booking.decided_at = timezone.now()
    booking.save(update_fields=["status", "decided_at"])
    _log(booking, by, "booking.withdrawn")


def cancel_deadline(booking: Booking):
    return booking.start - timedelta(hours=booking.room.cancel_cutoff_hours)


def _refuse_if_held_by_event(booking: Booking) -> None:
    """A booking that holds the room for an event (events.Event.booking) moves and ends with
    its event: the events services pass for_event=True, everyone else is sent there."""
    event = booking.holding_event
    if event is not None:
        raise Refused(
            [
                _(
                    "This booking holds the room for the event “%(title)s”: "
                    "change or cancel the event instead."
                )
                % {"title": event.title}
            ]
        )


@transaction.atomic
def booking_cancel(
    *, booking: Booking, by, reason: str = "", for_event: bool = False, any_time: bool = False
) -> None:
    """Cancels a requested or approved booking. Associations cancel until the room's cut-off;
    the office (`any_time`, decided by the caller from its permission and second factor)
    and an event giving up its room (`for_event`) at any time."""
    booking = (
        Booking.objects.select_for_update().select_related("room", "series").get(pk=booking.pk)
    )
    if not for_event:
        _refuse_if_held_by_event(booking)
    if not transition_allowed(booking, Booking.Status.CANCELLED):
        raise Refused([_("This booking cannot be cancelled any more.")])
    if not (any_time or for_event) and timezone.now() > cancel_deadline(booking):
        raise Refused(
            [
                _(
                    "Bookings can be cancelled until %(hours)d hours before they start. "
                    "Please call the office."
                )
                % {"hours": booking.room.cancel_cutoff_hours}
            ]
        )
    booking.status = Booking.Status.CANCELLED
    booking.decided_by = by
    booking.decided_at = timezone.now()
    booking.reason = reason
    booking.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _log(booking, by, "booking.cancelled", reason=reason)
    _notify(booking, notices.CANCELLED)


@transaction.atomic
def closure_create(*, facility, room, start, end, reason: str, by) -> tuple[Closure, list[Booking]]:
    """Block a room or the whole house; returns the approved bookings the closure hits."""
    if room is not None:
        _lock_room(room.pk)
    closure = Closure(
        facility=facility,
        room=room,
        start=start,
        end=end,
        reason=reason,
        reason_de=reason,
        created_by=by,
    )
    closure.full_clean()
    closure.save()
    log_action(closure, "closure.created", by=by, data={"reason": reason})
    hit = Booking.objects.approved().overlapping(start, end).filter(room__facility=facility)
    if room is not None:
        hit = hit.filter(room=room)
    return closure, list(hit.select_related("series", "association", "room"))


def _notify(booking: Booking, kind: str) -> None:
    """One email per person and action, listing all their dates: see facilities.notices."""
    notices.notice(booking, kind)


@dataclass
class Decided:
    """What one office decision over several bookings did."""

    done: int = 0
    refused: list = field(default_factory=list)  # (booking, Refused) pairs


def bookings_decide(*, bookings, decision: str, by, reason: str = "") -> Decided:
    """Approve, reject or cancel several bookings as one action (oldest request first).

    Each booking is decided in its own transaction, so one refusal does not undo the
    others; every person concerned gets one email listing all their dates.
    """
    decide = {
        "approve": lambda b: booking_approve(booking=b, by=by),
        "approve_and_reject_overlapping": lambda b: booking_approve(
            booking=b, by=by, reject_overlapping=True
        ),
        "reject": lambda b: booking_reject(booking=b, by=by, reason=reason),
        "cancel": lambda b: booking_cancel(booking=b, by=by, reason=reason, any_time=True),
    }[decision]
    decided = Decided()
    with notices.batch():
        for booking in bookings:
            try:
                decide(booking)
                decided.done += 1
            except Refused as refused:
                decided.refused.append((booking, refused))
    return decided


def series_approve_many(*, series, by) -> list[tuple[BookingSeries, int, int]]:
    """Approve several series as one action: (series, approved, skipped) for each, and one
    email per person."""
    with notices.batch():
        return [(one, *series_approve(series=one, by=by)) for one in series]


def reminders_send(*, now=None) -> int:
    """Email a reminder the day before approved bookings (each booking once): one email per
    person, listing all their bookings of tomorrow. Returns how many emails were sent."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    due = list(
        Booking.objects.approved()
        .filter(start__date=tomorrow, reminded_at__isnull=True)
        .select_related("series__requested_by", "room")
        .order_by("start")
    )
    people, dates = {}, {}
    for booking in due:
        person = booking.series.requested_by
        if person and person.is_active:
            people[person.pk] = person
            dates.setdefault(person.pk, []).append(booking)
    for pk, bookings in dates.items():
        titles = {booking.series.title for booking in bookings}
        send_templated_mail(
            to=[people[pk].email],
            language=people[pk].language,
            template="facilities/email/booking_reminder",
            context={
                "bookings": bookings,
                "title": titles.pop() if len(titles) == 1 else "",
                "house": notices.house_of(bookings),
            },
        )
    Booking.objects.filter(pk__in=[booking.pk for booking in due]).update(reminded_at=now)
    return len(dates)


def _change_note(moved_from, booking) -> str:
    """The audit log note of a move: the new times, with the day and room when they changed."""
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    note = f"{start:%H:%M}-{end:%H:%M}"
    if start.date() != moved_from[1]:
        note = f"{start:%d.%m.%Y} {note}"
    if booking.room != moved_from[0]:
        note = f"{note} {booking.room}"
    return note


@transaction.atomic
def booking_change(
    *,
    booking: Booking,
    by,
    start_time: time,
    end_time: time,
    day: date | None = None,
    room: Room | None = None,
    for_event: bool = False,
) -> Booking:
    """Move a booking to other times, another day or another room: the one way a booking moves.

    The new time is checked like a new request; the booking goes back to requested and, in a
    room that needs no approval, is approved again through booking_approve (room lock and
    exclusion constraint). In one transaction: when it cannot move, it stays where it was.
    """
    booking = (
        Booking.objects.select_for_update()
        .select_related("room__facility", "series")
        .get(pk=booking.pk)
    )
    if not for_event:
        _refuse_if_held_by_event(booking)
    if booking.status not in (Booking.Status.APPROVED, Booking.Status.REQUESTED):
        raise Refused([_("This booking cannot be changed any more.")])
    room = room or booking.room
    _lock_room(room.pk)
    day = day or timezone.localtime(booking.start).date()
    [occurrence] = plan_request(
        room=room,
        attendees=booking.series.attendees,
        first_date=day,
        start_time=start_time,
        end_time=end_time,
    )
    conflicts = room_conflicts(room, occurrence.start, occurrence.end, exclude_pk=booking.pk)
    if conflicts:
        raise Refused(conflicts)
    moved_from = (booking.room, timezone.localtime(booking.start).date())
    booking.room = room
    booking.start, booking.end = occurrence.start, occurrence.end
    booking.status = Booking.Status.REQUESTED
    booking.decided_by = None
    booking.decided_at = None
    booking.save(update_fields=["room", "start", "end", "status", "decided_by", "decided_at"])
    _log(booking, by, "booking.changed", note=_change_note(moved_from, booking))
    if not room.needs_approval:
        booking = booking_approve(booking=booking, by=None, notify=False)
    return booking
