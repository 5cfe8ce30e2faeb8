"""Read queries of the members app: what views, admin pages, services and tests look up."""

from datetime import datetime, time

from django.contrib.auth import get_user_model
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


def profile_form_initial(association: Association, pending: ProfileRevision | None) -> dict:
    """The dashboard's profile form: the profile with the pending revision's changes on
    top (people continue where they left off), and the version it was opened at."""
    values = profile_values(association)
    if pending:
        values.update(pending.changes)
    values["version"] = association.version
    return values


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


def invitation_for_link(token: str) -> tuple[Invitation | None, str]:
    """The invitation of an emailed link, and what stops it being taken up: "" (nothing),
    "unknown", "used" or "expired"."""
    invitation = Invitation.objects.select_related("association").filter(token=token).first()
    if invitation is None:
        return None, "unknown"
    if invitation.accepted_at is not None:
        return invitation, "used"
    if invitation.is_expired:
        return invitation, "expired"
    return invitation, ""


def account_exists(email: str) -> bool:
    return get_user_model().objects.filter(email=email).exists()


def invitations_left_today(association: Association) -> int:
    """Invitations are mail to addresses the sender chooses: at most INVITATIONS_PER_DAY per
    association and calendar day, whoever sends them (dashboard, back office, acceptance of
    an application). Counted on the invitations themselves, which the same day keeps."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    sent = Invitation.objects.filter(association=association, created_at__gte=midnight).count()
    return max(INVITATIONS_PER_DAY - sent, 0)


def association_admin_ids(association_id: int) -> set[int]:
    """The memberships that make people association admins of this association."""
    return set(
        Membership.objects.filter(
            association_id=association_id, role=Membership.Role.ADMIN
        ).values_list("pk", flat=True)
    )


def is_last_admin(membership: Membership) -> bool:
    """Is this membership the association's only association admin? (A read for pages;
    the rule itself is services.last_admin_ensure.)"""
    return association_admin_ids(membership.association_id) == {membership.pk}
