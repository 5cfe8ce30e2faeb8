"""Back-office actions need the permission of what they do, not just the staff flag."""

import pytest
from django.contrib.auth.models import Permission

from members.models import Association
from tests.factories import AssociationFactory, sign_in_with_second_factor, staff_in

pytestmark = pytest.mark.django_db
ASSOCIATIONS = "/verwaltung/members/association/"


@pytest.mark.parametrize(
    ("codenames", "published"),
    [(["view_association"], False), (["view_association", "change_association"], True)],
)
def test_publishing_associations_needs_the_change_permission(client, codenames, published):
    association = AssociationFactory(published=False)
    staff = staff_in()
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="members", codename__in=codenames)
    )
    sign_in_with_second_factor(client, staff)
    client.post(ASSOCIATIONS, {"action": "publish", "_selected_action": [association.pk]})
    assert Association.objects.get(pk=association.pk).published is published
