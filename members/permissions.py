"""Who may touch which association. One predicate per question, used everywhere."""

from django.http import Http404

from members.models import Association, Membership


def role_in(user, association) -> str | None:
    """The user's role in the association, or None."""
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, association=association).first()
    return membership.role if membership else None


def can_edit(user, association) -> bool:
    return user.is_authenticated and (user.is_staff or role_in(user, association) is not None)


def can_manage_people(user, association) -> bool:
    return user.is_authenticated and (
        user.is_staff or role_in(user, association) == Membership.Role.ADMIN
    )


def associations_of(user):
    """The associations a person may work on in the dashboard."""
    if not user.is_authenticated:
        return Association.objects.none()
    if user.is_staff:
        return Association.objects.all()
    return Association.objects.filter(memberships__user=user)


def get_editable_association(user, slug) -> Association:
    """The association with this slug if the user may edit it; 404 for everyone else."""
    association = associations_of(user).filter(slug=slug).first()
    if association is None:
        raise Http404
    return association
