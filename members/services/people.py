"""Who has access to an association: invitations and memberships."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import (
    Association,
    Invitation,
    Membership,
    invitation_expiry,
    new_token,
)
from members.selectors import (
    INVITATIONS_PER_DAY,
    association_admin_ids,
    invitations_left_today,
)
from members.services.history import history_record
from vmdo_portal.emails import send_templated_mail
from vmdo_portal.services import Refused, user_create


def invitation_limit_ensure(association: Association) -> None:
    """Refused when the association has sent its INVITATIONS_PER_DAY invitations today
    (the service under its lock, the back office's form before saving)."""
    if not invitations_left_today(association):
        raise Refused(
            _(
                "This association has already sent %(count)d invitations today. "
                "Please send more tomorrow."
            )
            % {"count": INVITATIONS_PER_DAY}
        )


@transaction.atomic
def invitation_create(
    *, association: Association, email: str, role: str, by, language: str = "de"
) -> Invitation:
    # The association's row lock makes parallel invitations count one after another.
    Association.objects.select_for_update().get(pk=association.pk)
    invitation_limit_ensure(association)
    invitation = Invitation.objects.create(
        association=association,
        email=email.strip().lower(),
        role=role,
        invited_by=by,
        language=language,
    )
    # The invited address stays out of the log: it is on the invitation, until it is used.
    history_record(
        association=association,
        by=by,
        action="invitation.sent",
        invitation=invitation.pk,
        role=role,
    )
    transaction.on_commit(lambda: invitation_send(invitation=invitation))
    return invitation


def invitation_send(*, invitation: Invitation) -> None:
    send_templated_mail(
        to=[invitation.email],
        language=invitation.language,
        template="members/email/invitation",
        context={"invitation": invitation, "association": invitation.association},
    )


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by) -> bool:
    """Send an open invitation again; an expired one gets a new link and validity first.
    An accepted one is not sent: returns whether the email goes out."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        return False
    if invitation.is_expired:
        invitation.token = new_token()
        invitation.expires_at = invitation_expiry()
        invitation.save(update_fields=["token", "expires_at"])
    history_record(
        association=invitation.association,
        by=by,
        action="invitation.resent",
        invitation=invitation.pk,
        role=invitation.role,
    )
    transaction.on_commit(lambda: invitation_send(invitation=invitation))
    return True


class InvitationInvalid(Exception):
    pass


def _check_open(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used")
    if invitation.is_expired:
        raise InvitationInvalid("expired")


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """An existing account takes up the invitation: it gains the membership."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_open(invitation)
    membership, created = Membership.objects.get_or_create(
        user=user, association=invitation.association, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    history_record(
        association=invitation.association,
        by=user,
        action="membership.joined",
        role=membership.role,
    )
    return membership


@transaction.atomic
def invitation_accept_with_new_account(*, invitation: Invitation, password: str, name: str):
    """Someone without an account accepts: the invitation proves the email address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_open(invitation)
    try:
        with transaction.atomic():
            user = user_create(
                email=invitation.email,
                password=password,
                name=name,
                email_verified=True,
                language=invitation.language,
            )
    except IntegrityError as error:
        raise InvitationInvalid("account exists") from error
    invitation_accept(invitation=invitation, user=user)
    return user


LAST_ADMIN_REMOVED = _(
    "The last association admin cannot be removed. Make someone else admin first."
)
LAST_ADMIN_DEMOTED = _(
    "The last association admin cannot lose the admin role. Make someone else admin first."
)


def _association_lock(association_id: int) -> None:
    # The association's row lock makes changes to its people check one after another.
    list(Association.objects.select_for_update().filter(pk=association_id).values_list("pk"))


@transaction.atomic
def last_admin_ensure(
    *,
    association: Association,
    removing: Iterable[int] = (),
    demoting: Iterable[int] = (),
    gaining: bool = False,
) -> None:
    """The last-admin rule, written once: an association that has an association admin
    keeps at least one. Raise Refused if removing the memberships `removing` and taking
    the admin role from `demoting` (primary keys) would leave none, unless the same change
    makes someone admin (`gaining`). An association without an admin yet (new, or staff
    adding the first people) may stay so.

    Locks the association's row first; inside the caller's transaction the lock holds
    until it ends, so a form that checks here and saves afterwards cannot race another."""
    if association.pk is None:
        return
    _association_lock(association.pk)
    admins = association_admin_ids(association.pk)
    removing, demoting = set(removing), set(demoting)
    if gaining or not admins or admins - removing - demoting:
        return
    raise Refused(LAST_ADMIN_REMOVED if admins & removing else LAST_ADMIN_DEMOTED)


def _membership_locked(membership: Membership) -> Membership | None:
    """The membership as it is once its association is locked (None if it is gone)."""
    _association_lock(membership.association_id)
    return Membership.objects.select_related("user", "association").filter(pk=membership.pk).first()


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """End a person's access. An association keeps at least one association admin: removing
    the last one is refused (Refused) and changes nothing."""
    membership = _membership_locked(membership)
    if membership is None:
        return  # Removed meanwhile: what was asked for holds.
    last_admin_ensure(association=membership.association, removing=[membership.pk])
    history_record(
        association=membership.association,
        by=by,
        action="membership.removed",
        person=membership.user.email,
    )
    membership.delete()


@transaction.atomic
def memberships_remove(*, memberships: Iterable[Membership], by) -> None:
    """End the access of several people at once (of one or more associations). If that
    would leave an association that has an admin without one, nothing is removed: Refused,
    one error per such association, named."""
    memberships = list(memberships)
    errors = []
    # Associations locked in one order, so two of these cannot wait for each other.
    for association_id in sorted({m.association_id for m in memberships}):
        association = Association.objects.get(pk=association_id)
        try:
            last_admin_ensure(
                association=association,
                removing=[m.pk for m in memberships if m.association_id == association_id],
            )
        except Refused as refused:
            errors += [f"{association}: {error}" for error in refused.errors]
    if errors:
        raise Refused(errors)
    for membership in memberships:
        membership_remove(membership=membership, by=by)


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by) -> Membership:
    """Give a person another role in the association. The last association admin cannot
    lose the admin role (Refused, nothing changes). Returns the membership as saved."""
    role = Membership.Role(role)
    current = _membership_locked(membership)
    if current is None:
        raise Refused(_("This person no longer has access to the association."))
    if current.role == role:
        return current
    if role != Membership.Role.ADMIN:
        last_admin_ensure(association=current.association, demoting=[current.pk])
    current.role = role
    current.save(update_fields=["role"])
    history_record(
        association=current.association,
        by=by,
        action="membership.role_changed",
        person=current.user.email,
        role=role.value,
    )
    return current
