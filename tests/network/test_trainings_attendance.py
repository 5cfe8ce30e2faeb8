"""Attendance at trainings in the back office: who may see the list and mark attendance,
the action through events.services.registration_attendance_set, its query count."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from events import services as event_services
from events.models import Event, Registration
from tests.conftest import STAFF_ROLES
from tests.factories import (
    AssociationFactory,
    UserFactory,
    make_event,
    member_of,
    sign_in_with_second_factor,
    staff_in,
)
from vmdo_portal.models import AuditEntry
from vmdo_portal.staff_groups import REDAKTION

pytestmark = pytest.mark.django_db

PARTICIPATION = "/verwaltung/network/trainingparticipation/"


@pytest.fixture
def office_user(db):
    return UserFactory(is_staff=True, email="qualifizierung@example.org")


def training_with(office_user, people=1, *, started=True, title="Vereinsrecht"):
    """A training with `people` registered members (each for their own association)."""
    event = make_event(
        by=office_user,
        title=title,
        audience=Event.Audience.MEMBERS,
        registration=Event.RegistrationMode.PORTAL,
        capacity=50,
    )
    for _number in range(people):
        association = AssociationFactory()
        person = member_of(association)
        event_services.registration_create(
            event=event,
            name=person.name,
            email=person.email,
            email_verified=True,
            association=association,
            user=person,
        )
    if started:
        start = timezone.now() - timedelta(hours=1)
        Event.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=2))
    return event


MATRIX = {
    "anonymous": 302,
    "member": 302,
    "staff_without_permission": 403,
    "staff_without_2fa": 302,
    "staff_2fa_not_used": 302,
    "staff_with_permission": 200,
}


@pytest.mark.parametrize(("role", "status"), MATRIX.items(), ids=list(MATRIX))
def test_who_sees_the_attendance_list(client, sign_in_as_staff, office_user, role, status):
    training_with(office_user)
    if role == "member":
        client.force_login(member_of(AssociationFactory()))
    elif role in STAFF_ROLES:
        sign_in_as_staff(role, REDAKTION)
    assert client.get(PARTICIPATION).status_code == status


def _mark(client, registrations, action="mark_attended", **extra):
    return client.post(
        PARTICIPATION,
        {"action": action, "_selected_action": [r.pk for r in registrations]},
        **extra,
    )


def test_staff_with_the_permission_mark_attendance(client, sign_in_as_staff, office_user):
    event = training_with(office_user, people=2)
    sign_in_as_staff("staff_with_permission", REDAKTION)
    first, _second = Registration.objects.order_by("pk")
    response = _mark(client, [first], follow=True)
    # After the sign-in's message.
    assert [str(m) for m in response.context["messages"]][1:] == ["Teilnahme gespeichert."]
    assert list(Registration.objects.order_by("pk").values_list("attended", flat=True)) == [
        True,
        False,
    ]
    entry = AuditEntry.objects.get(action="registration.attended")
    assert (entry.object_id, entry.data) == (event.pk, {"registration": first.pk})
    _mark(client, [first], action="mark_not_attended")
    first.refresh_from_db()
    assert first.attended is False


def test_attendance_before_the_start_is_refused_with_the_reason(
    client, sign_in_as_staff, office_user
):
    training_with(office_user, started=False)
    sign_in_as_staff("staff_with_permission", REDAKTION)
    registration = Registration.objects.get()
    response = _mark(client, [registration], follow=True)
    assert [str(m) for m in response.context["messages"]][1:] == [
        f"{registration.name}: Die Teilnahme kann erst erfasst werden, "
        "wenn die Veranstaltung begonnen hat."
    ]
    registration.refresh_from_db()
    assert registration.attended is False


def test_viewing_registrations_is_not_enough_to_mark_attendance(client, office_user):
    training_with(office_user)
    staff = staff_in()
    staff.user_permissions.add(
        Permission.objects.get(content_type__app_label="events", codename="view_registration")
    )
    sign_in_with_second_factor(client, staff)
    assert client.get(PARTICIPATION).status_code == 200
    _mark(client, Registration.objects.all())
    assert Registration.objects.get().attended is False


def test_only_training_registrations_are_listed(client, sign_in_as_staff, office_user):
    training_with(office_user)
    public = make_event(by=office_user, title="Sprachcafé", registration="portal", capacity=5)
    event_services.registration_create(
        event=public, name="Gast", email="gast@example.org", email_verified=True
    )
    sign_in_as_staff("staff_with_permission", REDAKTION)
    listed = client.get(PARTICIPATION).context["cl"].result_list
    assert [r.event.title for r in listed] == ["Vereinsrecht"]


@pytest.mark.parametrize("rows", [1, 20])
def test_the_attendance_list_costs_the_same_for_1_and_20(
    client, sign_in_as_staff, office_user, rows, django_assert_num_queries
):
    training_with(office_user, people=rows)
    sign_in_as_staff("staff_with_permission", REDAKTION)
    with django_assert_num_queries(9):
        response = client.get(PARTICIPATION)
    assert response.context["cl"].result_count == rows
