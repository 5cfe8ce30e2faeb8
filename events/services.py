"""Event workflows: submit, publish, cancel, series, registration with a waiting list."""

import contextlib
from datetime import time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.bookings import all_day_times, room_hold
from events.models import Event, EventLanguage, EventSeries, Registration
from facilities import notices
from facilities import services as facilities
from facilities.models import Booking
from members.models import Association
from translations.services import (
    source_language,
    split_name,
    translated_fields,
    translation_statuses_copy,
    translation_texts_saved,
)
from vmdo_portal.audit import log_action
from vmdo_portal.emails import send_templated_mail
from vmdo_portal.recurrence import local_instant, series_dates
from vmdo_portal.services import Refused, transition_ensure
from vmdo_portal.text import german_slug

PURGE_AFTER = timedelta(days=30)
# Registrations with attendance of events for the member associations (certificates).
CERTIFICATES_KEPT = timedelta(days=3 * 365)


def unique_slug(title: str, day) -> str:
    base = f"{german_slug(title, 80) or 'veranstaltung'}-{day:%Y-%m-%d}"
    slug, number = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _instants(day, start_time, end_time, all_day, room=None):
    """An event's start and end; all day in a room means the hours the room can be booked."""
    if all_day and room is not None:
        start_time, end_time = all_day_times(room, day)
    elif all_day:
        return local_instant(day, time(0)), local_instant(day + timedelta(days=1), time(0))
    return local_instant(day, start_time), local_instant(day, end_time)


@transaction.atomic
@notices.batch()  # a series in a room without approval: one email listing all dates
def event_create(
    *,
    by,
    title: str,
    first_date,
    start_time=None,
    end_time=None,
    all_day: bool = False,
    associations=(),
    projects=(),
    categories=(),
    languages=(),
    series: dict | None = None,
    book_room: bool = False,
    attendees: int = 1,
    **fields,
) -> list[Event]:
    """Create an event (draft) or a series of events; optionally request the room for each date."""
    now = timezone.now()
    errors = []
    if not all_day and (start_time is None or end_time is None or end_time <= start_time):
        errors.append(_("The end must be after the start."))
    if first_date < timezone.localdate(now):
        errors.append(_("New events cannot start in the past."))
    if fields.get("registration") == Event.RegistrationMode.PORTAL and not fields.get("capacity"):
        errors.append(_("Registration on the portal needs a number of places."))
    if errors:
        raise Refused(errors)
    dates = [first_date]
    event_series = None
    if series:
        dates = series_dates(first_date=first_date, **series)
        event_series = EventSeries.objects.create(
            frequency=series["frequency"],
            interval=series.get("interval", 1),
            until_date=series.get("until_date"),
            count=series.get("count"),
            exception_dates=[day.isoformat() for day in series.get("exceptions", ())],
        )
    events = []
    room = fields.get("room") if fields.get("location_kind") == Event.Location.ROOM else None
    for day in dates:
        start, end = _instants(day, start_time, end_time, all_day, room)
        event = Event(
            title=title,
            title_de=fields.pop("title_de", None) or title,
            slug=unique_slug(title, day),
            start=start,
            end=end,
            all_day=all_day,
            series=event_series,
            created_by=by,
            **fields,
        )
        event.full_clean(exclude=["slug"])
        event.save()
        event.organiser_associations.set(associations)
        event.organiser_projects.set(projects)
        event.categories.set(categories)
        EventLanguage.objects.bulk_create(
            EventLanguage(event=event, code=code) for code in languages
        )
        if book_room and room is not None:
            room_hold(event, by=by, approve=False, attendees=attendees)
            event.save(update_fields=["booking"])
        translation_texts_saved(event, changed=[], created=True, by=by)
        log_action(event, "event.created", by=by)
        events.append(event)
    return events


def _publish_or_submit(event, *, by, publish: bool, may_publish: bool) -> str:
    """The status an event may reach now, holding its room: published only with an approved
    booking. `may_publish` (staff) approves the booking; a trusted association's event in a
    room that needs approval waits for the office like any request."""
    booking = room_hold(event, by=by, approve=may_publish)
    if publish and (booking is None or booking.status == Booking.Status.APPROVED):
        return Event.Status.PUBLISHED
    return Event.Status.SUBMITTED


@transaction.atomic
def event_submit(*, event: Event, by, may_publish: bool = False) -> Event:
    """Draft → submitted; trusted associations' events (and any event submitted by staff
    allowed to publish: `may_publish`, decided by the caller) are published at once.
    An event in a room requests it now (or is refused when the room is taken)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.DRAFT:
        raise Refused([_("Only drafts can be submitted.")])
    trusted = event.organiser_associations.exists() and all(
        a.trusted for a in event.organiser_associations.all()
    )
    target = _publish_or_submit(
        event, by=by, publish=trusted or may_publish, may_publish=may_publish
    )
    transition_ensure(event, target)
    event.status = target
    event.save(update_fields=["status", "booking", "updated_at"])
    published = target == Event.Status.PUBLISHED
    log_action(event, "event.published" if published else "event.submitted", by=by)
    return event


@transaction.atomic
def event_publish(*, event: Event, by) -> Event:
    """Publish (staff). An event in a room is published only with its room: its booking is
    approved now, or publishing is refused with the reason (taken, closed, outside hours)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    transition_ensure(event, Event.Status.PUBLISHED)
    room_hold(event, by=by, approve=True)
    event.status = Event.Status.PUBLISHED
    event.review_note = ""
    event.save(update_fields=["status", "review_note", "booking", "updated_at"])
    log_action(event, "event.published", by=by)
    return event


@transaction.atomic
def event_room_sync(*, event: Event, by) -> list[str]:
    """After a back-office edit of room or times: the booking follows the event, approved
    for a published event. When the room cannot be held, the booking stays where it was,
    a published event goes back to submitted (never public without its room), and the
    reasons are returned."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        return []
    if not event.booking_id and event.status == Event.Status.DRAFT:
        return []
    try:
        with transaction.atomic():
            room_hold(event, by=by, approve=event.status == Event.Status.PUBLISHED)
    except Refused as refused:
        if event.status == Event.Status.PUBLISHED:
            transition_ensure(event, Event.Status.SUBMITTED)
            event.status = Event.Status.SUBMITTED
            event.save(update_fields=["status", "updated_at"])
            log_action(event, "event.room_lost", by=by, data={"reason": " ".join(refused.errors)})
        return refused.errors
    event.save(update_fields=["booking", "updated_at"])
    return []


def events_each(*, events, act) -> tuple[int, list]:
    """One office action over several events (publish, send back, cancel): each event in
    its own transaction, refusals collected as (event, Refused); the room bookings the
    events approve or give up reach each person in one email (facilities.notices)."""
    done, refused = 0, []
    with notices.batch():
        for event in events:
            try:
                act(event)
                done += 1
            except Refused as problem:
                refused.append((event, problem))
    return done, refused


@transaction.atomic
def event_duplicate(*, event: Event, by) -> Event:
    """A draft copy of the event (back office): its texts, time, place, organisers,
    categories and languages; no booking and no registrations."""
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.booking = None
    copy.status = Event.Status.DRAFT
    # The slug names the local day (and the German title), as for a new event.
    copy.slug = unique_slug(event.title_de or event.title, timezone.localdate(event.start))
    copy.save()
    copy.categories.set(event.categories.all())
    copy.organiser_associations.set(event.organiser_associations.all())
    copy.organiser_projects.set(event.organiser_projects.all())
    EventLanguage.objects.bulk_create(
        EventLanguage(event=copy, code=entry.code) for entry in event.languages.all()
    )
    translation_statuses_copy(source=event, target=copy, by=by)
    log_action(copy, "event.created", by=by, data={"copy_of": event.pk})
    return copy


@transaction.atomic
def event_send_back(*, event: Event, by, reason: str) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    transition_ensure(event, Event.Status.DRAFT)
    event.status = Event.Status.DRAFT
    event.review_note = reason
    event.save(update_fields=["status", "review_note", "updated_at"])
    log_action(event, "event.sent_back", by=by, data={"reason": reason})
    person = event.created_by
    if person and person.is_active:
        transaction.on_commit(
            lambda: send_templated_mail(
                to=[person.email],
                language=person.language,
                template="events/email/sent_back",
                context={"event": event, "reason": reason},
            )
        )
    return event


@transaction.atomic
def event_cancel(*, event: Event, by) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    transition_ensure(event, Event.Status.CANCELLED)
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    log_action(event, "event.cancelled", by=by)
    if event.booking_id:
        with contextlib.suppress(Refused):
            facilities.booking_cancel(
                booking=event.booking,
                by=by,
                reason=str(_("The event was cancelled.")),
                for_event=True,
            )
    registrations = list(
        event.registrations.without_pending().exclude(status=Registration.Status.CANCELLED)
    )
    for registration in registrations:
        _mail(registration, "events/email/event_cancelled")
    return event


# --- registration ------------------------------------------------------------------


def confirmed_people(event) -> int:
    return (
        event.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
            total=Sum("people")
        )["total"]
        or 0
    )


def places_left(event) -> int | None:
    """Free places of an event with a capacity (None without one); pending and waiting
    registrations hold none."""
    if not event.capacity:
        return None
    return max(event.capacity - confirmed_people(event), 0)


class TooFewPlaces(Refused):
    """The group is bigger than the places left (but some are left): the person chooses
    between a smaller group and the waiting list; nothing was saved."""

    def __init__(self, *, places: int, people: int):
        self.places, self.people = places, people
        super().__init__(
            [
                ngettext(
                    "Only %(places)d place is left. Reduce your group to %(places)d, "
                    "or join the waiting list with all %(people)d.",
                    "Only %(places)d places are left. Reduce your group to %(places)d "
                    "or fewer, or join the waiting list with all %(people)d.",
                    places,
                )
                % {"places": places, "people": people}
            ]
        )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    people: int = 1,
    language: str = "de",
    email_verified: bool = False,
    waiting_list: bool = False,
    association=None,
    user=None,
) -> Registration:
    """Register. A group bigger than the places left (while some are left) is refused with
    TooFewPlaces unless the person chose the `waiting_list`: they may come fewer instead.
    A proven address (`email_verified`: a signed-in person's verified address)
    takes a place or joins the waiting list at once. Any other registration stays pending,
    holding no place, until the link in the email we send is followed (registration_confirm):
    that email carries only the event's own data and the link, never the registrant's text,
    so nobody sends the portal's mail with their words to an address that is not theirs.

    An event for the member associations (a training) takes registrations only from a
    signed-in `user` for one of their member associations (`association`); its places per
    association, if limited, are counted under the same row lock."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.registration_is_open:
        raise Refused([_("Registration for this event is closed.")])
    email = email.strip().lower()
    earlier = event.registrations.filter(email=email).exclude(status=Registration.Status.CANCELLED)
    earlier.filter(status=Registration.Status.PENDING).delete()  # a new link replaces the old
    if earlier.exists():
        raise Refused([_("This email address is already registered for this event.")])
    if event.for_members:
        _members_registration_check(event, association=association, user=user, people=people)
    elif association is not None:
        raise Refused([_("This event takes no registrations for associations.")])
    free = places_left(event)
    if not waiting_list and free and people > free:
        raise TooFewPlaces(places=free, people=people)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                name=name,
                email=email,
                people=people,
                language=language,
                status=Registration.Status.PENDING,
                association=association if event.for_members else None,
                user=user if event.for_members else None,
            )
    except IntegrityError as error:
        raise Refused([_("This email address is already registered for this event.")]) from error
    if email_verified:
        return _place(event, registration)
    _log_registration(event, registration, "registration.pending")
    _mail(registration, "events/email/registration_confirm")
    return registration


def _members_registration_check(event, *, association, user, people) -> None:
    """Under the event's row lock: a member registers for one of their member associations,
    within its places for this event."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise Refused([_("Please sign in to register your association.")])
    own = Association.objects.filter(memberships__user=user, status=Association.Status.MEMBER)
    if association is None or not own.filter(pk=association.pk).exists():
        raise Refused([_("Please choose one of your member associations.")])
    if people != 1:
        raise Refused([_("Each person registers on their own.")])
    limit = event.places_per_association
    if limit is None:
        return
    taken = (
        event.registrations.filter(association=association)
        .exclude(status=Registration.Status.CANCELLED)
        .aggregate(total=Sum("people"))["total"]
        or 0
    )
    if taken + people > limit:
        raise Refused(
            [
                ngettext(
                    "Your association has already used its %(places)d place for this event.",
                    "Your association has already used its %(places)d places for this event.",
                    limit,
                )
                % {"places": limit}
            ]
        )


CONFIRM_WITHIN = timedelta(hours=24)


def registration_expired(registration: Registration, now=None) -> bool:
    """A pending registration's link is valid for CONFIRM_WITHIN."""
    return (
        registration.status == Registration.Status.PENDING
        and registration.created_at < (now or timezone.now()) - CONFIRM_WITHIN
    )


@transaction.atomic
def registration_confirm(*, registration: Registration) -> Registration:
    """The link in the email was followed: the address is proven, so the registration takes
    a place or joins the waiting list (counted from now) and the person hears by name."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        return registration
    if registration_expired(registration):
        raise Refused([_("This link has expired. Please register again.")])
    if not event.registration_is_open:
        raise Refused([_("Registration for this event is closed.")])
    registration.created_at = timezone.now()
    return _place(event, registration)


def _place(event, registration) -> Registration:
    """Under the event's row lock: a place if the group fits, else the waiting list."""
    free = event.capacity - confirmed_people(event)
    registration.status = (
        Registration.Status.CONFIRMED
        if registration.people <= free
        else Registration.Status.WAITING
    )
    registration.save(update_fields=["status", "created_at"])
    confirmed = registration.status == Registration.Status.CONFIRMED
    _log_registration(
        event, registration, "registration.confirmed" if confirmed else "registration.waiting"
    )
    if registration.status == Registration.Status.CONFIRMED:
        _mail(registration, "events/email/registration_confirmed", calendar=True)
    else:
        # Some places may be left, only not enough for the whole group: the email says so.
        _mail(registration, "events/email/registration_waiting", places_left=max(free, 0))
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> None:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    _log_registration(event, registration, "registration.cancelled")
    _move_up(event)


def _move_up(event) -> None:
    """The first people waiting whose group fits move up, in order."""
    free = (event.capacity or 0) - confirmed_people(event)
    for waiting in event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "created_at", "pk"
    ):
        if waiting.people > free:
            continue
        waiting.status = Registration.Status.CONFIRMED
        waiting.save(update_fields=["status"])
        _log_registration(event, waiting, "registration.moved_up")
        free -= waiting.people
        _mail(waiting, "events/email/registration_moved_up", calendar=True)


def _log_registration(event, registration, action) -> None:
    """On the event's log, with the registration's number and group size only: never the
    person's name or address (registrations are purged; the log is kept)."""
    log_action(
        event,
        action,
        by=None,
        data={"registration": registration.pk, "people": registration.people},
    )


# Builds the event's .ics when the email is delivered (vmdo_portal.emails).
CALENDAR_ATTACHMENT = "events.calendar_data.registration_attachment"


def _mail(registration, template, *, calendar=False, **extra):
    """The email in the registrant's language; with `calendar` the event's .ics attached."""
    transaction.on_commit(
        lambda: send_templated_mail(
            to=[registration.email],
            language=registration.language,
            template=template,
            context={"registration": registration, "event": registration.event, **extra},
            attachments=[(CALENDAR_ATTACHMENT, registration.event)] if calendar else [],
        )
    )


def registrations_purge(*, now=None) -> int:
    """Personal data of registrations is kept until 30 days after the event; that of
    registrations never confirmed only until their link expires. Who took part in an event
    for the member associations is kept for CERTIFICATES_KEPT: their certificate of
    participation stays downloadable (funders ask for them)."""
    now = now or timezone.now()
    certificate = Q(attended=True, event__audience=Event.Audience.MEMBERS)
    deleted, _details = Registration.objects.filter(
        (Q(event__end__lt=now - PURGE_AFTER) & ~certificate)
        | (certificate & Q(event__end__lt=now - CERTIFICATES_KEPT))
        | Q(status=Registration.Status.PENDING, created_at__lt=now - CONFIRM_WITHIN)
    ).delete()
    return deleted


@transaction.atomic
def registration_attendance_set(*, registration: Registration, attended: bool, by):
    """Staff record whether a registered person took part in an event for the member
    associations (their certificate of participation follows from it): confirmed
    registrations only, once the event has begun."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not event.for_members:
        raise Refused([_("Attendance is taken only for events for the member associations.")])
    if event.is_cancelled:
        raise Refused([_("The event was cancelled.")])
    if event.start > timezone.now():
        raise Refused([_("Attendance can be taken once the event has begun.")])
    if registration.status != Registration.Status.CONFIRMED:
        raise Refused([_("Only confirmed registrations can be marked as attended.")])
    if registration.attended == attended:
        return registration
    registration.attended = attended
    registration.save(update_fields=["attended"])
    log_action(
        event,
        "registration.attended" if attended else "registration.attendance_removed",
        by=by,
        data={"registration": registration.pk},
    )
    return registration


def _own_registrations(user):
    return Registration.objects.filter(Q(email=user.email) | Q(user=user))


def personal_data(user) -> dict:
    return {
        "registrations": [
            {
                "event": r.event.title,
                "date": r.event.start.isoformat(),
                "people": r.people,
                "status": r.status,
                **(
                    {"association": r.association.name, "attended": r.attended}
                    if r.association_id
                    else {}
                ),
            }
            for r in _own_registrations(user).select_related("event", "association")
        ]
    }


def personal_data_erase(user) -> None:
    for registration in _own_registrations(user).exclude(status=Registration.Status.CANCELLED):
        registration_cancel(registration=registration)
    _own_registrations(user).delete()


EDITABLE = [
    "title", "summary", "description", "location_kind", "room", "site", "address", "online_url",
    "audience", "is_free", "price", "registration", "registration_url", "capacity",
]  # fmt: skip


@transaction.atomic
def event_update(
    *,
    event: Event,
    by,
    first_date,
    start_time,
    end_time,
    all_day,
    categories,
    languages,
    may_publish: bool = False,
    **fields,
):
    """Change an event. A published event of an untrusted association goes back for review
    (unless staff allowed to publish change it: `may_publish`, decided by the caller).
    A new room, day or time moves the event's booking (events.bookings.room_hold); a
    published event stays published only with its booking approved, else it waits for the
    office (submitted). When the room is taken, nothing changes and the reason is raised."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise Refused([_("A cancelled event cannot be changed.")])
    before = _audited_values(event)
    if first_date < timezone.localdate() and first_date != timezone.localtime(event.start).date():
        raise Refused([_("New events cannot start in the past.")])
    if not all_day and (start_time is None or end_time is None or end_time <= start_time):
        raise Refused([_("The end must be after the start.")])
    in_a_room = fields.get("location_kind", event.location_kind) == Event.Location.ROOM
    room = fields.get("room", event.room) if in_a_room else None
    start, end = _instants(first_date, start_time, end_time, all_day, room)
    german_before = _german_texts(event)
    for name in EDITABLE:
        if name in fields:
            setattr(event, _german(name), fields[name])
    event.start, event.end, event.all_day = start, end, all_day
    trusted = all(a.trusted for a in event.organiser_associations.all())
    target = event.status
    if event.booking_id or target in (Event.Status.SUBMITTED, Event.Status.PUBLISHED):
        target = _publish_or_submit(
            event,
            by=by,
            publish=target == Event.Status.PUBLISHED and (trusted or may_publish),
            may_publish=may_publish and target == Event.Status.PUBLISHED,
        )
        if event.status == Event.Status.DRAFT:
            target = Event.Status.DRAFT
    if target != event.status:
        transition_ensure(event, target)
        event.status = target
    event.full_clean()
    event.save()
    event.categories.set(categories)
    event.languages.all().delete()
    EventLanguage.objects.bulk_create(EventLanguage(event=event, code=code) for code in languages)
    german_after = _german_texts(event)
    translation_texts_saved(
        event,
        changed=[name for name in german_after if german_after[name] != german_before[name]],
        by=by,
    )
    after = _audited_values(event)
    changed = [name for name in after if after[name] != before[name]]
    if changed:
        data = {"fields": changed}
        if "status" in changed:
            data["from"], data["to"] = {"status": before["status"]}, {"status": event.status}
        log_action(event, "event.changed", by=by, data=data)
    return event


def _german(name: str) -> str:
    """The form's texts are German, whatever language the dashboard is read in: "title" →
    "title_de" (set on the model, "title" would be the reader's language)."""
    if name in translated_fields(Event):
        return f"{name}_{source_language()}"
    return name


def _german_texts(event) -> dict:
    names = [_german(name) for name in translated_fields(Event)]
    return {name: (getattr(event, name) or "").strip() for name in names}


def _audited_values(event) -> dict:
    """What event_update may change, comparable before and after (ids for relations)."""
    values = {
        name: Event._meta.get_field(name).value_from_object(event)
        for name in [*EDITABLE, "start", "end", "all_day", "status"]
    }
    values["categories"] = sorted(event.categories.values_list("pk", flat=True))
    values["languages"] = sorted(event.languages.values_list("code", flat=True))
    return values


@transaction.atomic
def event_translation_save(*, event: Event, texts: dict, by, may_publish: bool = False) -> Event:
    """An association's people translated their event (the translation desk): `texts` are
    the changed translations ({"description_tr": "…"}; other names are ignored). The rules
    of event_update hold: a cancelled event is not changed, and a published event of an
    untrusted association goes back to the office for review (unless `may_publish`)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise Refused([_("A cancelled event cannot be changed.")])
    changed = [
        name
        for name in texts
        if (split := split_name(Event, name)) is not None and split[1] != source_language()
    ]
    if not changed:
        return event
    for name in changed:
        setattr(event, name, texts[name])
    data = {"fields": changed}
    trusted = all(a.trusted for a in event.organiser_associations.all())
    if event.status == Event.Status.PUBLISHED and not (trusted or may_publish):
        transition_ensure(event, Event.Status.SUBMITTED)
        data["from"], data["to"] = {"status": event.status}, {"status": Event.Status.SUBMITTED}
        event.status = Event.Status.SUBMITTED
    event.full_clean()
    event.save()
    translation_texts_saved(event, changed=changed, by=by)
    log_action(event, "event.changed", by=by, data=data)
    return event
