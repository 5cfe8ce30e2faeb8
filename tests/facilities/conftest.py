from datetime import time

import pytest

from members.models import Membership
from tests.factories import AssociationFactory, UserFactory, make_house, make_room, member_of


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
