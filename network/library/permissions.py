"""Who may do what in the library (Wissen); everyone here is inside the area already
(network.permissions.network_member).

- Published resources: everybody inside the area.
- A resource waiting for review (or rejected): the members of the association that shared
  it, the person who shared it, and staff who review (`network.change_resource`).
- Sharing: members for their member associations (published at once when the association
  is trusted), staff with `network.add_resource` for the office (published at once).
"""

from network.models import Resource
from network.permissions import member_associations
from vmdo_portal.permissions import office_may

ADD = "network.add_resource"
REVIEW = "network.change_resource"


def office_may_publish(request) -> bool:
    """Staff sharing for the office: published at once."""
    return office_may(request, ADD)


def office_may_review(request) -> bool:
    return office_may(request, REVIEW)


def may_contribute(request) -> bool:
    return office_may_publish(request) or member_associations(request.user).exists()


def is_own(user, resource: Resource) -> bool:
    """Shared by the person or by one of their member associations."""
    if not user.is_authenticated:
        return False
    if resource.shared_by_id == user.pk:
        return True
    return (
        resource.association_id is not None
        and member_associations(user).filter(pk=resource.association_id).exists()
    )


def may_see(request, resource: Resource) -> bool:
    if resource.status == Resource.Status.PUBLISHED:
        return True
    return is_own(request.user, resource) or office_may_review(request)
