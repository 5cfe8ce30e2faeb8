from datetime import time, timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Event
from members.models import Membership
from tests.factories import AssociationFactory, UserFactory, member_of

SOON = timezone.localdate() + timedelta(days=10)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, email="redaktion@example.org")


@pytest.fixture
def association(db):
    return AssociationFactory(name="Kulturbrücke")


@pytest.fixture
def editor(association):
    return member_of(association, Membership.Role.EDITOR, email="events@example.org")


@pytest.fixture
def make_event(staff):
    def make(title="Sprachcafé", publish=True, **fields):
        values = {
            "by": staff,
            "title": title,
            "first_date": SOON,
            "start_time": time(17),
            "end_time": time(19),
            "location_kind": Event.Location.ADDRESS,
            "address": "Nordmarkt, Dortmund",
        }
        values.update(fields)
        events = services.event_create(**values)
        if publish:
            events = [services.event_publish(event=event, by=staff) for event in events]
        return events[0] if len(events) == 1 else events

    return make
