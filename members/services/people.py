"""Who has access to an association: invitations and memberships."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import (
    Association,
    AssociationHistory,
    Invitation,
    Membership,
    invitation_expiry,
    new_token,
)
from members.selectors import INVITATIONS_PER_DAY, invitations_left_today, is_last_admin
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
        action=AssociationHistory.Action.JOINED,
        fields=[],
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


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """End a person's access. An association keeps at least one association admin: removing
    the last one is refused (Refused) and changes nothing."""
    # The association's row lock makes parallel removals check one after another.
    Association.objects.select_for_update().get(pk=membership.association_id)
    if is_last_admin(membership):
        raise Refused(
            _("The last association admin cannot be removed. Make someone else admin first.")
        )
    history_record(
        association=membership.association,
        by=by,
        action=AssociationHistory.Action.REMOVED,
        fields=[membership.user.email],
    )
    membership.delete()
