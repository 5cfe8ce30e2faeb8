"""Booking notices: one email per recipient and action, however many dates it touches.

Services call `notice(booking, kind)` where they used to send a mail. Inside `batch()`
(opened by every service that decides several bookings at once, e.g.
services.bookings_decide) the notices are collected; the outermost batch sends, after
commit, one email to each person listing all their dates (approved, not possible,
cancelled). Outside a batch a notice is a batch of one. A notice whose transaction rolls
back is never sent: it joins the batch through `transaction.on_commit`.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from facilities.models import Facility
from vmdo_portal.emails import send_templated_mail

APPROVED, REJECTED, CANCELLED = "approved", "rejected", "cancelled"
KINDS = (APPROVED, REJECTED, CANCELLED)
TEMPLATE = "facilities/email/bookings"

_current: ContextVar["_Batch | None"] = ContextVar("facilities_notices", default=None)


def house_of(bookings) -> Facility | None:
    """The house of these bookings' rooms, which signs their email; None when they are in
    several houses (the email then signs with the main facility, vmdo_portal.mail_context)."""
    houses = {booking.room.facility_id for booking in bookings}
    return Facility.objects.filter(pk__in=houses).first() if len(houses) == 1 else None


class _Batch:
    def __init__(self):
        self.people = {}
        self.dates = defaultdict(lambda: defaultdict(dict))  # person pk → kind → booking pk

    def add(self, person, booking, kind) -> None:
        self.people[person.pk] = person
        for other in KINDS:  # a later decision on the same date replaces an earlier one
            self.dates[person.pk][other].pop(booking.pk, None)
        self.dates[person.pk][kind][booking.pk] = booking

    def send(self) -> None:
        for pk, kinds in self.dates.items():
            person = self.people[pk]
            context = {
                kind: sorted(kinds[kind].values(), key=lambda booking: booking.start)
                for kind in KINDS
            }
            present = [kind for kind in KINDS if context[kind]]
            if not present:
                continue
            titles = {booking.series.title for kind in present for booking in context[kind]}
            context["only"] = present[0] if len(present) == 1 else ""
            context["title"] = titles.pop() if len(titles) == 1 else ""
            context["house"] = house_of(booking for kind in present for booking in context[kind])
            send_templated_mail(
                to=[person.email], language=person.language, template=TEMPLATE, context=context
            )


@contextmanager
def batch():
    """Collect the notices of one action; the outermost batch sends them after commit."""
    if _current.get() is not None:
        yield
        return
    collected = _Batch()
    token = _current.set(collected)
    try:
        yield
    finally:
        _current.reset(token)
        # Registered after every notice's own on_commit, so it runs after them; what a
        # rollback discards (a notice, or this send itself) is never sent.
        transaction.on_commit(collected.send)


def notice(booking, kind: str) -> None:
    """Tell the person who requested `booking` that it was approved, rejected or cancelled."""
    person = booking.series.requested_by
    if person is None or not person.is_active:
        return
    collected = _current.get()
    if collected is None:
        with batch():
            notice(booking, kind)
        return
    transaction.on_commit(lambda: collected.add(person, booking, kind))
