from datetime import time

import pytest

from facilities.models import Facility, Room
from members.models import Membership
from tests.factories import AssociationFactory, UserFactory, member_of

ALL_DAY = {
    day: {"mode": "open", "ranges": [["00:00", "24:00"]]}
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
}
HOUSE_HOURS = {
    day: {"mode": "open", "ranges": [["08:00", "22:00"]]}
    for day in ["mon", "tue", "wed", "thu", "fri"]
} | {"sat": {"mode": "open", "ranges": [["10:00", "22:00"]]}, "sun": {"mode": "closed"}}


def make_house(**fields):
    fields = {
        "name": "Haus der Vielfalt",
        "slug": "haus-der-vielfalt",
        "street": "Zur Vielfalt 21",
        "postal_code": "44147",
        "opening_hours": HOUSE_HOURS,
        **fields,
    }
    return Facility.objects.create(**fields)


def make_room(facility, **fields):
    fields = {
        "name": "Saal",
        "slug": "saal",
        "capacity": 80,
        "bookable_hours": HOUSE_HOURS,
        "min_duration": 30,
        "max_duration": 600,
        "horizon_days": 365,
        **fields,
    }
    return Room.objects.create(facility=facility, **fields)


@pytest.fixture
def house(db):
    return make_house()


@pytest.fixture
def room(house):
    return make_room(house)


@pytest.fixture
def association(db):
    return AssociationFactory(name="Brückenbauer e.V.")


@pytest.fixture
def booker(association):
    return member_of(association, Membership.Role.EDITOR, email="buchung@example.org")


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, email="raum@example.org")


EVENING = (time(18, 0), time(20, 0))
