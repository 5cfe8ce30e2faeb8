"""Status transitions are guarded (issue 11 point 14): every (from, to) pair of events,
bookings, membership applications and profile revisions through the services that make
that change. Allowed: the status changes. Refused: a translated message, nothing changes,
no mail is sent."""

from datetime import time, timedelta

import pytest
from django.contrib import admin
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from events import services as events
from events.models import Event
from facilities import services as facilities
from facilities.models import Booking
from members import services as members
from members.models import Membership, MembershipApplication, ProfileRevision
from tests.factories import AssociationFactory, UserFactory, login_with_totp, member_of, staff_in
from vmdo_portal.services import Refused

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MONDAY = TODAY + timedelta(days=14 - TODAY.weekday())


@pytest.fixture
def office_user(db):
    return UserFactory(is_staff=True, is_superuser=True, email="buero@example.org")


def expect(allowed, change, obj, target, capture):
    """Run `change`; an allowed pair reaches `target`, a refused one stays as it was."""
    before = obj.status
    mail.outbox.clear()
    if allowed:
        with capture(execute=True):
            change()
        obj.refresh_from_db()
        assert obj.status == target
        return
    with capture(execute=True), pytest.raises(Refused) as refused:
        change()
    obj.refresh_from_db()
    assert obj.status == before
    assert refused.value.errors[0] != ""
    assert mail.outbox == []


# --- events --------------------------------------------------------------------------

EVENT_ALLOWED = {
    ("draft", "submitted"), ("draft", "published"), ("draft", "cancelled"),
    ("submitted", "published"), ("submitted", "draft"), ("submitted", "cancelled"),
    ("published", "submitted"), ("published", "draft"), ("published", "cancelled"),
}  # fmt: skip
EVENT_STATUSES = ["draft", "submitted", "published", "cancelled"]


def event_change(event, target, by, editor):
    """The service that makes each change (to submitted from published: an untrusted edit)."""
    if target == "submitted" and event.status == "published":
        zone = timezone.get_current_timezone()
        return lambda: events.event_update(
            event=event, by=editor, first_date=event.start.astimezone(zone).date(),
            start_time=time(18), end_time=time(20), all_day=False, categories=[],
            languages=[], title="Geändert",
        )  # fmt: skip
    return {
        "submitted": lambda: events.event_submit(event=event, by=editor),
        "published": lambda: events.event_publish(event=event, by=by),
        "draft": lambda: events.event_send_back(event=event, by=by, reason="Bitte ergänzen."),
        "cancelled": lambda: events.event_cancel(event=event, by=by),
    }[target]


@pytest.mark.parametrize("target", EVENT_STATUSES)
@pytest.mark.parametrize("source", EVENT_STATUSES)
def test_event_transitions(source, target, office_user, django_capture_on_commit_callbacks):
    association = AssociationFactory(name="Kulturbrücke")
    editor = member_of(association, Membership.Role.EDITOR, email="e@example.org")
    [event] = events.event_create(
        by=editor, title="Sprachcafé", first_date=MONDAY, start_time=time(18),
        end_time=time(20), location_kind="address", address="Nordmarkt",
        associations=[association], registration="portal", capacity=5,
    )  # fmt: skip
    Event.objects.filter(pk=event.pk).update(status=source)
    event.refresh_from_db()
    if source == "published":
        events.registration_create(
            event=event, name="Amal", email="amal@example.org", email_verified=True
        )
    change = event_change(event, target, office_user, editor)
    expect((source, target) in EVENT_ALLOWED, change, event, target,
           django_capture_on_commit_callbacks)  # fmt: skip


def test_cancelled_event_cannot_be_published_in_the_back_office(
    client, staff_with_totp, office_user
):
    [event] = events.event_create(
        by=office_user, title="Fest", first_date=MONDAY, start_time=time(18),
        end_time=time(20), location_kind="address", address="Nordmarkt",
    )  # fmt: skip
    events.event_publish(event=event, by=office_user)
    events.event_cancel(event=event, by=office_user)
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    response = client.post(
        "/verwaltung/events/event/",
        {"action": "publish", "_selected_action": [event.pk]},
        follow=True,
    )
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert [(m.level_tag, m.message) for m in response.context["messages"]][1:] == [
        (
            "error",
            "Fest: Nicht möglich: Der Status „abgesagt“ kann nicht zu „veröffentlicht“ wechseln.",
        )
    ]  # after "signed in as …"


# --- bookings ------------------------------------------------------------------------

BOOKING_ALLOWED = {
    ("requested", "approved"), ("requested", "rejected"), ("requested", "withdrawn"),
    ("requested", "cancelled"), ("requested", "requested"),  # moved, still a request
    ("approved", "cancelled"), ("approved", "requested"),  # moved: approved again later
}  # fmt: skip
BOOKING_STATUSES = ["requested", "approved", "rejected", "withdrawn", "cancelled"]


@pytest.mark.parametrize("target", BOOKING_STATUSES)
@pytest.mark.parametrize("source", BOOKING_STATUSES)
def test_booking_transitions(source, target, office_user, django_capture_on_commit_callbacks):
    from tests.factories import make_house, make_room

    room = make_room(make_house())
    association = AssociationFactory(name="Brückenbauer")
    booker = member_of(association, Membership.Role.EDITOR, email="b@example.org")
    booking = facilities.booking_request(
        room=room, association=association, requested_by=booker, title="Treffen",
        attendees=10, first_date=MONDAY, start_time=time(18), end_time=time(20),
    ).bookings.get()  # fmt: skip
    Booking.objects.filter(pk=booking.pk).update(status=source)
    booking.refresh_from_db()
    change = {
        "requested": lambda: facilities.booking_change(
            booking=booking, by=booker, start_time=time(17), end_time=time(19)
        ),
        "approved": lambda: facilities.booking_approve(booking=booking, by=office_user),
        "rejected": lambda: facilities.booking_reject(
            booking=booking, by=office_user, reason="Belegt."
        ),
        "withdrawn": lambda: facilities.booking_withdraw(booking=booking, by=booker),
        "cancelled": lambda: facilities.booking_cancel(booking=booking, by=office_user),
    }[target]
    expect((source, target) in BOOKING_ALLOWED, change, booking, target,
           django_capture_on_commit_callbacks)  # fmt: skip


# --- membership applications ---------------------------------------------------------

APPLICATION_STATUSES = ["new", "accepted", "rejected"]


@pytest.mark.parametrize("target", ["accepted", "rejected"])
@pytest.mark.parametrize("source", APPLICATION_STATUSES)
def test_application_transitions(source, target, office_user, django_capture_on_commit_callbacks):
    application = members.application_submit(
        language="de", organisation_name="Kulturverein", description="Sprachkurse.",
        contact_name="Olena", email="olena@example.org", consent=True,
    )  # fmt: skip
    MembershipApplication.objects.filter(pk=application.pk).update(status=source)
    application.refresh_from_db()
    change = {
        "accepted": lambda: members.application_accept(application=application, by=office_user),
        "rejected": lambda: members.application_reject(application=application, by=office_user),
    }[target]
    expect(source == "new", change, application, target, django_capture_on_commit_callbacks)


def test_a_decided_application_stays_decided_in_the_back_office(
    client, staff_with_totp, django_capture_on_commit_callbacks
):
    application = members.application_submit(
        language="de", organisation_name="Kulturverein", description="Sprachkurse.",
        contact_name="Olena", email="olena@example.org", consent=True,
    )  # fmt: skip
    members.application_reject(application=application, by=staff_with_totp)
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/verwaltung/members/membershipapplication/",
            {"action": "accept", "_selected_action": [application.pk]},
            follow=True,
        )
    application.refresh_from_db()
    assert (application.status, application.association) == ("rejected", None)
    assert [m.level_tag for m in response.context["messages"]] == ["success", "error"]
    assert mail.outbox == []


# --- profile revisions ---------------------------------------------------------------

REVISION_STATUSES = ["pending", "approved", "rejected", "superseded"]


@pytest.mark.parametrize("target", ["approved", "rejected"])
@pytest.mark.parametrize("source", REVISION_STATUSES)
def test_revision_transitions(source, target, office_user, django_capture_on_commit_callbacks):
    association = AssociationFactory(name="Kulturbrücke")
    editor = member_of(association, Membership.Role.EDITOR, email="e@example.org")
    revision = ProfileRevision.objects.create(
        association=association, submitted_by=editor,
        changes={"description_de": "Neu."}, previous={"description_de": ""},
    )  # fmt: skip
    ProfileRevision.objects.filter(pk=revision.pk).update(status=source)
    description = association.description_de
    revision.refresh_from_db()
    change = {
        "approved": lambda: members.revision_approve(revision=revision, by=office_user),
        "rejected": lambda: members.revision_reject(
            revision=revision, by=office_user, reason="Bitte belegen."
        ),
    }[target]
    expect(source == "pending", change, revision, target, django_capture_on_commit_callbacks)
    association.refresh_from_db()
    approved = (source, target) == ("pending", "approved")
    assert association.description_de == ("Neu." if approved else description)


def test_a_cancelled_booking_is_not_approved_in_the_back_office(
    client, staff_with_totp, office_user, django_capture_on_commit_callbacks
):
    from tests.factories import make_house, make_room

    booking = facilities.booking_request(
        room=make_room(make_house()), association=AssociationFactory(), requested_by=None,
        title="Treffen", attendees=10, first_date=MONDAY, start_time=time(18), end_time=time(20),
    ).bookings.get()  # fmt: skip
    facilities.booking_cancel(booking=booking, by=office_user)
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/verwaltung/facilities/booking/",
            {"action": "approve", "_selected_action": [booking.pk]},
            follow=True,
        )
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert [(m.level_tag, m.message) for m in response.context["messages"]][1:] == [
        (
            "error",
            f"{booking}: Nicht möglich: Der Status „abgesagt“ kann nicht zu „freigegeben“ wechseln.",
        )
    ]
    assert mail.outbox == []


@pytest.mark.django_db
def test_back_office_forms_show_statuses_but_do_not_change_them():
    """Statuses move only through the services and their transition tables: the change
    forms of applications and the event's registration list show the status read-only."""
    request = RequestFactory().get("/verwaltung/")
    request.user = staff_in("Administration")
    application_admin = admin.site._registry[MembershipApplication]
    assert "status" not in application_admin.get_form(request).base_fields
    [registrations] = [
        inline
        for inline in admin.site._registry[Event].get_inline_instances(request)
        if inline.model._meta.model_name == "registration"
    ]
    assert "status" not in registrations.get_formset(request).form.base_fields
    assert registrations.has_add_permission(request, None) is False
