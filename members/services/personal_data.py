"""A person's data (GDPR): the export and what deleting the account does here."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.models import AssociationHistory, Invitation, Membership, ProfileRevision

DELETED_ACCOUNT = _("deleted account")


def personal_data(user) -> dict:
    return {
        "memberships": [
            {
                "association": m.association.name,
                "role": m.role,
                "since": m.created_at.isoformat(),
            }
            for m in user.memberships.select_related("association")
        ],
        "profile_changes_submitted": [
            {
                "association": r.association.name,
                "submitted_at": r.submitted_at.isoformat(),
                "status": r.status,
                "changes": r.changes,
            }
            for r in ProfileRevision.objects.filter(submitted_by=user).select_related("association")
        ],
        "invitations_received": [
            {
                "association": i.association.name,
                "sent": i.created_at.isoformat(),
                "accepted": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in Invitation.objects.filter(email=user.email).select_related("association")
        ],
    }


def personal_data_erase(user) -> None:
    """Memberships end; the history keeps what happened, without the person's name."""
    Membership.objects.filter(user=user).delete()
    with translation.override(settings.LANGUAGE_CODE):
        anonymous = str(DELETED_ACCOUNT)
    AssociationHistory.objects.filter(actor=user).update(actor=None, actor_name=anonymous)
    Invitation.objects.filter(email=user.email, accepted_at__isnull=True).delete()
