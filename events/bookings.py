"""An event in a room of the Haus der Vielfalt holds that room: the event ↔ booking link.

The rule (issue 11): a published event in a room has an approved booking of that room
covering its whole time. The event services call `room_hold` whenever an event is created
with a room request, submitted, published or changed; it requests, moves (through
facilities.booking_change) or approves (through facilities.booking_approve, with its room
lock and the exclusion constraint) the event's one booking. Nothing else moves it: the
booking pages send people to the event instead.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from facilities import rules
from facilities import services as facilities
from facilities.models import Booking
from vmdo_portal.l10n import format_date
from vmdo_portal.services import Refused

ACTIVE = (Booking.Status.REQUESTED, Booking.Status.APPROVED)


def in_room(event) -> bool:
    return event.location_kind == Event.Location.ROOM and event.room_id is not None


def all_day_times(room, day):
    """An all-day event in a room lasts the hours the room can be booked that day."""
    span = rules.day_span(room, day)
    if span is None:
        raise Refused(
            [
                _(
                    "%(room)s cannot be booked for a whole day on %(date)s. "
                    "Please give a start and an end time within its hours."
                )
                % {"room": room.name, "date": format_date(day)}
            ]
        )
    return span


def _ensure_one_day(event) -> None:
    """A booking is one day: an event over several would hold only part of its time."""
    if timezone.localtime(event.end).date() != timezone.localtime(event.start).date():
        raise Refused(
            [
                _(
                    "An event in a room of the Haus der Vielfalt starts and ends on the "
                    "same day. For several days, please create one event per day."
                )
            ]
        )


def _local_times(event):
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    return start.date(), start.time(), end.time()


def _covers(booking, event) -> bool:
    return (
        booking.room_id == event.room_id
        and booking.start <= event.start
        and booking.end >= event.end
    )


def _organisers_booking(event):
    """A booking an organiser already holds for the event's time and room (not another
    event's): the event uses it instead of asking for the room twice."""
    if event.pk is None:
        return None
    return (
        Booking.objects.filter(
            room_id=event.room_id,
            association__in=event.organiser_associations.all(),
            status__in=ACTIVE,
            start__lte=event.start,
            end__gte=event.end,
            event__isnull=True,
        )
        .order_by("status", "start")  # approved before requested
        .first()
    )


def _current_booking(event):
    if not event.booking_id:
        return None
    booking = Booking.objects.select_related("series").get(pk=event.booking_id)
    return booking if booking.status in ACTIVE else None


def room_hold(event, *, by, approve: bool, attendees: int = 1):
    """Make the event's booking match its room and time; returns it (None outside a room).

    approve: the booking must end approved (the event is or becomes public); raises
    Refused when the room is taken, closed or the time breaks its rules. Call inside
    the caller's transaction and save `event.booking` afterwards.
    """
    booking = _current_booking(event)
    if not in_room(event):
        if booking is not None:
            facilities.booking_cancel(
                booking=booking,
                by=by,
                reason=str(_("The event moved out of the room.")),
                for_event=True,
            )
        event.booking = None
        return None
    day, start_time, end_time = _local_times(event)
    _ensure_one_day(event)
    if booking is None:
        booking = _organisers_booking(event)
    if booking is None:
        associations = list(event.organiser_associations.all()) if event.pk else []
        booking = facilities.booking_request(
            room=event.room,
            association=associations[0] if associations else None,
            requested_by=by,
            title=event.title,
            attendees=attendees,
            first_date=day,
            start_time=start_time,
            end_time=end_time,
        ).bookings.get()
    elif not _covers(booking, event):
        booking = facilities.booking_change(
            booking=booking,
            by=by,
            room=event.room,
            day=day,
            start_time=start_time,
            end_time=end_time,
            for_event=True,
        )
    if approve and booking.status != Booking.Status.APPROVED:
        booking = facilities.booking_approve(booking=booking, by=by)
    event.booking = booking
    return booking


def room_check(event, *, attendees: int = 1) -> list[str]:
    """What would stop the event from holding its room, read-only (for forms, before saving)."""
    if not in_room(event):
        return []
    day, start_time, end_time = _local_times(event)
    try:
        _ensure_one_day(event)
    except Refused as refused:
        return refused.errors
    try:
        [occurrence] = facilities.plan_request(
            room=event.room,
            attendees=attendees,
            first_date=day,
            start_time=start_time,
            end_time=end_time,
        )
    except Refused as refused:
        return refused.errors
    own = _current_booking(event) or _organisers_booking(event)
    return facilities.room_conflicts(
        event.room, occurrence.start, occurrence.end, exclude_pk=own.pk if own else None
    )
