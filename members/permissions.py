"""Who may touch which association. One predicate per question, used everywhere.

A person's rights to an association come from their membership (editor or association
admin). Staff act on an association's dashboard only for the VMDO office: with the
Django permissions of the act (through their group) and their second factor used in
this session (`vmdo_portal.permissions.office_may`). Everyone else is a stranger there
and gets 404. The staff flag by itself grants nothing.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404

from members.models import Association, Membership
from vmdo_portal.permissions import office_may


class Act(StrEnum):
    """What someone does on an association's dashboard."""

    VIEW_DASHBOARD = "view_dashboard"
    EDIT_PROFILE = "edit_profile"
    PUBLISH_PROFILE = "publish_profile"  # without review
    MANAGE_PEOPLE = "manage_people"
    MANAGE_BOOKINGS = "manage_bookings"
    MANAGE_EVENTS = "manage_events"
    PUBLISH_EVENTS = "publish_events"  # without review
    VIEW_ATTENDEES = "view_attendees"


EDITOR_ACTS = frozenset(
    {
        Act.VIEW_DASHBOARD,
        Act.EDIT_PROFILE,
        Act.MANAGE_BOOKINGS,
        Act.MANAGE_EVENTS,
        Act.VIEW_ATTENDEES,
    }
)
# What a membership allows. Publishing without review comes from the association being
# trusted (decided in the services), never from a role.
MEMBER_ACTS = {
    Membership.Role.EDITOR: EDITOR_ACTS,
    Membership.Role.ADMIN: EDITOR_ACTS | {Act.MANAGE_PEOPLE},
}
# The Django permissions staff need for each act (all of them). Strings only: members
# imports nothing from the apps that own bookings and events.
OFFICE_PERMISSIONS = {
    Act.VIEW_DASHBOARD: ("members.view_association",),
    Act.EDIT_PROFILE: ("members.view_association", "members.change_association"),
    Act.PUBLISH_PROFILE: ("members.change_association", "members.change_profilerevision"),
    Act.MANAGE_PEOPLE: (
        "members.view_association",
        "members.add_invitation",
        "members.delete_membership",
    ),
    Act.MANAGE_BOOKINGS: (
        "members.view_association",
        "facilities.add_booking",
        "facilities.change_booking",
    ),
    Act.MANAGE_EVENTS: ("members.view_association", "events.add_event", "events.change_event"),
    Act.PUBLISH_EVENTS: ("events.change_event",),
    Act.VIEW_ATTENDEES: (
        "members.view_association",
        "events.view_event",
        "events.view_registration",
    ),
}


def role_in(user, association) -> str | None:
    """The user's role in the association, or None."""
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, association=association).first()
    return membership.role if membership else None


def member_may(role: str | None, act: Act) -> bool:
    """Whether a membership with this role (None: no membership) allows the act."""
    return role is not None and act in MEMBER_ACTS[role]


def office_may_act(request, act: Act) -> bool:
    """Staff acting for the office: permission of the act, second factor used."""
    return office_may(request, *OFFICE_PERMISSIONS[act])


def may(request, association, act: Act) -> bool:
    """Whether the signed-in person may do this on this association's dashboard."""
    return member_may(role_in(request.user, association), act) or office_may_act(request, act)


def association_for(request, slug, act: Act) -> Association:
    """The association with this slug if the person may do the act there.

    404 for strangers (staff without the permission or the second factor included), so
    nobody learns which associations exist; 403 for members whose role does not allow
    the act.
    """
    if not request.user.is_authenticated:
        raise Http404
    # One query for the association and the person's role in it.
    role_query = Membership.objects.filter(association=OuterRef("pk"), user=request.user)
    association = (
        Association.objects.filter(slug=slug)
        .annotate(role_of_user=Subquery(role_query.values("role")[:1]))
        .first()
    )
    if association is None:
        raise Http404
    role = association.role_of_user
    if member_may(role, act) or office_may_act(request, act):
        return association
    if role is not None:
        raise PermissionDenied
    raise Http404
