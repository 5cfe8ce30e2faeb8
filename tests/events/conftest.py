import pytest

from members.models import Membership
from tests import factories
from tests.factories import AssociationFactory, UserFactory, member_of


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
        fields.setdefault("by", staff)
        return factories.make_event(title=title, publish=publish, published_by=staff, **fields)

    return make
