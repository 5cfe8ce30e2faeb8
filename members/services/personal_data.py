"""A person's data (GDPR): the export and what deleting the account does here."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from members.models import Association, Invitation, Membership, ProfileRevision
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


def personal_data_holds(user) -> list[str]:
    """An association the person is the last admin of, with other people who still use
    it, would be left without anyone to manage its people: they hand the role on first
    (the same rule as removing the last admin, members.services.people)."""
    associations = (
        # Filtered by pk, so the counts see every membership, not only the person's.
        Association.objects.filter(
            pk__in=Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values(
                "association_id"
            )
        )
        .annotate(
            admins=Count("memberships", filter=Q(memberships__role=Membership.Role.ADMIN)),
            people=Count("memberships"),
        )
        .filter(admins=1, people__gt=1)
        .order_by("name")
    )
    return [
        _(
            "You are the only association admin of %(association)s. Make someone else admin "
            "there first (My association → People with access), then delete your account."
        )
        % {"association": association.name}
        for association in associations
    ]
