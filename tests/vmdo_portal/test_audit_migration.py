"""The history tables of bookings and associations move into the audit log: the migration
copies every row (time, actor, action, note or fields), then drops the old tables."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from facilities import services as facilities
from tests.conftest import restore_reference_data
from tests.facilities.conftest import make_house, make_room
from tests.facilities.test_bookings import NEXT_MONDAY
from tests.factories import AssociationFactory, UserFactory
from vmdo_portal.audit import entries_for
from vmdo_portal.models import AuditEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("facilities", "0006_field_labels"), ("members", "0007_history_role_changed")]
AT = datetime(2031, 7, 7, 16, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema():
    apps = _migrate(BEFORE)
    try:
        yield apps
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        restore_reference_data()


def test_the_history_rows_are_copied_into_the_audit_log(old_schema):
    office = UserFactory(name="Office Person", email="office@example.org")
    booker = UserFactory(name="", email="booker@example.org")
    booking = facilities.booking_request(
        room=make_room(make_house()),
        association=AssociationFactory(name="Kulturbrücke"),
        requested_by=booker,
        title="Vereinstreffen",
        attendees=10,
        first_date=NEXT_MONDAY,
        start_time=time(18),
        end_time=time(20),
    ).bookings.get()
    AuditEntry.objects.all().delete()  # the old code wrote these to BookingHistory
    history = old_schema.get_model("facilities", "BookingHistory")
    for minutes, (action, actor, note) in enumerate(
        [
            ("requested", booker, ""),
            ("changed", booker, "17:00-19:00"),
            ("rejected", office, "belegt"),
            ("cancelled", None, "krank"),
        ]
    ):
        row = history.objects.create(
            booking_id=booking.pk, actor_id=actor.pk if actor else None, action=action, note=note
        )
        history.objects.filter(pk=row.pk).update(at=AT + timedelta(minutes=minutes))

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    copied = [(e.action, e.actor, e.actor_name, e.data) for e in entries_for(booking)]
    assert copied[::-1] == [
        ("booking.requested", booker, "booker@example.org", {}),
        ("booking.changed", booker, "booker@example.org", {"note": "17:00-19:00"}),
        ("booking.rejected", office, "Office Person", {"reason": "belegt"}),
        ("booking.cancelled", None, "", {"reason": "krank"}),
    ]
    entry = entries_for(booking).last()
    assert entry.object_repr == str(booking)
    assert entry.at == AT
    assert "facilities_bookinghistory" not in connection.introspection.table_names()


def test_the_association_history_is_copied_into_the_audit_log(old_schema):
    office = UserFactory(name="Office Person", email="office@example.org")
    association = AssociationFactory(name="Kulturbrücke")
    AuditEntry.objects.all().delete()  # the old code wrote these to AssociationHistory
    history = old_schema.get_model("members", "AssociationHistory")
    for minutes, (action, actor, fields) in enumerate(
        [
            ("created", None, []),
            ("edited", office, ["description_de", "languages"]),
            ("admin-edited", office, ["import"]),
            ("removed", office, ["weg@example.org"]),
            ("published", office, ["published"]),
            ("role-changed", office, ["neu@example.org"]),
        ]
    ):
        row = history.objects.create(
            association_id=association.pk,
            actor_id=actor.pk if actor else None,
            actor_name=actor.name if actor else "",
            action=action,
            fields=fields,
        )
        history.objects.filter(pk=row.pk).update(at=AT + timedelta(minutes=minutes))

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    copied = [(e.action, e.actor, e.actor_name, e.data) for e in entries_for(association)]
    assert copied[::-1] == [
        ("association.created", None, "", {}),
        (
            "association.edited",
            office,
            "Office Person",
            {"fields": ["description_de", "languages"]},
        ),
        ("admin.changed", office, "Office Person", {"via": "import"}),
        ("membership.removed", office, "Office Person", {"person": "weg@example.org"}),
        ("association.published", office, "Office Person", {"fields": ["published"]}),
        ("membership.role_changed", office, "Office Person", {"person": "neu@example.org"}),
    ]
    assert {e.object_repr for e in entries_for(association)} == {"Kulturbrücke"}
    assert entries_for(association).last().at == AT
    assert entries_for(association)[1].field_labels() == ["veröffentlicht"]
    assert "members_associationhistory" not in connection.introspection.table_names()
