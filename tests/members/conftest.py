import pytest

from members.models import Membership
from tests.factories import AssociationFactory, UserFactory, member_of


@pytest.fixture
def association(db):
    return AssociationFactory(name="Brückenbauer e.V.", email="info@brueckenbauer.example.org")


@pytest.fixture
def other_association(db):
    return AssociationFactory(name="Anderer Verein e.V.")


@pytest.fixture
def editor(association):
    return member_of(association, Membership.Role.EDITOR, email="editor@example.org")


@pytest.fixture
def association_admin(association):
    return member_of(association, Membership.Role.ADMIN, email="vorstand@example.org")


@pytest.fixture
def stranger(other_association):
    """An editor of another association."""
    return member_of(other_association, Membership.Role.ADMIN, email="fremd@example.org")


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, email="buero@example.org")
