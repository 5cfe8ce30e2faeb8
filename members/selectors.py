"""Read queries of the members app: what views, admin pages, services and tests look up."""

from datetime import datetime, time

from django.utils import timezone

from members.models import Association, Invitation, Membership, ProfileRevision
from members.profile_fields import (  # noqa: F401 (re-exported to services and tests)
    LIST_FIELDS,
    PROFILE_FIELDS,
    SIMPLE_FIELDS,
    translated_fields,
)

# What the dashboard edits of a profile (and a revision may change): members.profile_fields.
TRANSLATED_FIELDS = list(translated_fields())

# Invitations are mail to addresses the sender chooses (see invitations_left_today).
INVITATIONS_PER_DAY = 20


# --- a profile ---------------------------------------------------------------------


def profile_values(association: Association) -> dict:
    """The editable profile as plain JSON-able values."""
    values = {field: getattr(association, field) for field in SIMPLE_FIELDS}
    for field, value in values.items():
        if value is None and field != "founded_year":
            values[field] = ""
    values["fields_of_activity"] = sorted(f.slug for f in association.fields_of_activity.all())
    values["communities"] = sorted(c.slug for c in association.communities.all())
    values["languages"] = sorted(entry.code for entry in association.languages.all())
    return values


def pending_revision(association: Association) -> ProfileRevision | None:
    return association.revisions.filter(status=ProfileRevision.Status.PENDING).first()


def revision_changed_fields(revision: ProfileRevision) -> list[str]:
    return sorted(revision.changes) + (["logo"] if revision.logo else [])


# --- people ------------------------------------------------------------------------


def dashboard_entries(user) -> list[dict]:
    """The user's associations (by name) with the user's role in each, for the dashboard."""
    associations = (
        Association.objects.filter(memberships__user=user)
        .order_by("name")
        .prefetch_related("memberships")
    )
    roles = dict(Membership.objects.filter(user=user).values_list("association_id", "role"))
    return [{"association": a, "role": Membership.Role(roles[a.pk]).label} for a in associations]


def association_memberships(association: Association):
    return association.memberships.select_related("user").order_by("user__email")


def invitations_open(association: Association):
    return association.invitations.filter(accepted_at__isnull=True).order_by("-created_at")


def invitations_left_today(association: Association) -> int:
    """Invitations are mail to addresses the sender chooses: at most INVITATIONS_PER_DAY per
    association and calendar day, whoever sends them (dashboard, back office, acceptance of
    an application). Counted on the invitations themselves, which the same day keeps."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    sent = Invitation.objects.filter(association=association, created_at__gte=midnight).count()
    return max(INVITATIONS_PER_DAY - sent, 0)


def is_last_admin(membership: Membership) -> bool:
    return (
        membership.role == Membership.Role.ADMIN
        and not Membership.objects.filter(
            association=membership.association, role=Membership.Role.ADMIN
        )
        .exclude(pk=membership.pk)
        .exists()
    )
