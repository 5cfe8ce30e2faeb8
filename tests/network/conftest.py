"""The roles of the network area's permission matrices.

`network_as(role)` signs the test client in as a new account of that role and returns
`(client, user, association)`; the association is the person's own member association
(for staff, outsiders and "other_member": a member association they have nothing to do
with).
"""

import pytest

from members.models import Association, Membership
from tests.conftest import STAFF_ROLES
from tests.factories import AssociationFactory, UserFactory, member_of
from vmdo_portal.staff_groups import REDAKTION

# Everybody the area's matrices try, in this order.
NETWORK_ROLES = [
    "anonymous",
    "no_membership",  # an account, no association
    "applicant",  # a membership in an association that is not (yet) a member
    "editor",
    "association_admin",
    "other_member",  # a member of another member association (things owned by one)
    *STAFF_ROLES,
]
# Who is inside the area.
INSIDE = {"editor", "association_admin", "other_member", "staff_with_permission"}


def expected(inside: int, *, anonymous: int = 302, **by_role) -> dict:
    """Status by role: `inside` for members and permitted staff, the login for anonymous
    visitors, 404 for everybody else; `by_role` overrides single roles."""
    table = dict.fromkeys(NETWORK_ROLES, 404)
    table |= dict.fromkeys(INSIDE, inside) | {"anonymous": anonymous}
    return table | by_role


@pytest.fixture
def network_as(client, sign_in_as_staff):
    def sign_in(role):
        association = AssociationFactory()
        if role == "anonymous":
            return client, None, association
        if role in STAFF_ROLES:
            sign_in_as_staff(role, REDAKTION)
            return client, _session_user(client), association
        if role == "no_membership":
            user = UserFactory()
        elif role == "other_member":  # a member of another member association
            user = member_of(AssociationFactory(), Membership.Role.ADMIN)
        elif role == "applicant":
            applicant = AssociationFactory(status=Association.Status.APPLICANT)
            user = member_of(applicant, Membership.Role.ADMIN)
        else:
            membership_role = Membership.Role.ADMIN if role == "association_admin" else None
            user = member_of(association, membership_role or Membership.Role.EDITOR)
        client.force_login(user)
        return client, user, association

    return sign_in


def _session_user(client):
    from vmdo_portal.models import User

    return User.objects.get(pk=client.session["_auth_user_id"])
