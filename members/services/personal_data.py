"""A person's data (GDPR): the export and what deleting the account does here."""

from members.models import Invitation, Membership, ProfileRevision
from vmdo_portal.audit import data_anonymise


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
    """Memberships end; the history keeps what happened, without the person's name (the
    audit log's actor names: vmdo_portal.personal_data; here where they lost access)."""
    Membership.objects.filter(user=user).delete()
    data_anonymise("person", user.email)
    Invitation.objects.filter(email=user.email, accepted_at__isnull=True).delete()
