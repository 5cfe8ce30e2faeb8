"""Who may enter the members' network area.

People with a membership in a member association (status "member": not applicants, not
former members) and staff acting for the office with `network.use_network` (second factor
used). Anonymous visitors are sent to the login; everybody else gets 404, so the area does
not show it exists.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from members.models import Association
from vmdo_portal.permissions import office_may

USE = "network.use_network"


def member_associations(user):
    """The member associations the person belongs to."""
    if not user.is_authenticated:
        return Association.objects.none()
    return Association.objects.filter(
        memberships__user=user, status=Association.Status.MEMBER
    ).order_by("name")


def office_in_network(request) -> bool:
    """Staff in the area for the office (permission + second factor)."""
    return office_may(request, USE)


def may_enter(request) -> bool:
    # Asked by the header of every page and by the view: once per request.
    if not hasattr(request, "_may_enter_network"):
        user = request.user
        request._may_enter_network = (
            user.is_authenticated
            and user.is_active
            and (member_associations(user).exists() or office_in_network(request))
        )
    return request._may_enter_network


def network_member(view):
    """The view is part of the area: login for anonymous visitors, 404 for outsiders."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_enter(request):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
