"""Workflows of the members app. Views, admin actions, commands and tests call these."""

from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members import search
from members.models import (
    Association,
    AssociationHistory,
    AssociationLanguage,
    Community,
    FieldOfActivity,
    Invitation,
    Membership,
    MembershipApplication,
    ProfileRevision,
    field_labels,
)
from vmdo_portal.emails import send_templated_mail, staff_recipients
from vmdo_portal.images import CleanImage
from vmdo_portal.page_cache import content_changed
from vmdo_portal.services import transition_ensure, user_create
from vmdo_portal.text import german_slug

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
TRANSLATED_FIELDS = ["description", "regular_activities"]
SIMPLE_FIELDS = [
    "name",
    "short_name",
    "legal_form",
    "register_court",
    "register_number",
    "founded_year",
    "website",
    "email",
    "phone",
    "street",
    "postal_code",
    "city",
    "district",
    "contact_person",
    "show_email",
    "show_phone",
    "show_address",
    "show_contact_person",
    *[f"{field}_{code}" for field in TRANSLATED_FIELDS for code in LANGUAGE_CODES],
]
LIST_FIELDS = ["fields_of_activity", "communities", "languages"]
PROFILE_FIELDS = SIMPLE_FIELDS + LIST_FIELDS
DELETED_ACCOUNT = _("deleted account")


class ProfileChangedMeanwhile(Exception):
    """Someone else saved the profile after this form was opened."""


@dataclass
class ProfileUpdate:
    published: bool
    changed_fields: list[str]
    revision: ProfileRevision | None = None


# --- reading a profile -------------------------------------------------------------


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


def _normalise(data: dict) -> dict:
    values = {}
    for field in PROFILE_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field in LIST_FIELDS:
            value = sorted(getattr(item, "slug", item) for item in value)
        elif value is None and field != "founded_year":
            value = ""
        values[field] = value
    return values


# --- history -----------------------------------------------------------------------


def history_record(*, association, by, action, fields) -> AssociationHistory:
    return AssociationHistory.objects.create(
        association=association,
        actor=by,
        actor_name=(by.name or by.email) if by else "",
        action=action,
        fields=list(fields),
    )


# --- changing a profile ------------------------------------------------------------


def _apply(association: Association, changes: dict) -> None:
    for field, value in changes.items():
        if field in SIMPLE_FIELDS:
            setattr(association, field, value)
    association.version += 1
    association.full_clean(exclude=["logo", "logo_thumbnail", "slug"])
    association.save()
    if "fields_of_activity" in changes:
        association.fields_of_activity.set(
            FieldOfActivity.objects.filter(slug__in=changes["fields_of_activity"])
        )
    if "communities" in changes:
        association.communities.set(Community.objects.filter(slug__in=changes["communities"]))
    if "languages" in changes:
        association.languages.all().delete()
        AssociationLanguage.objects.bulk_create(
            AssociationLanguage(association=association, code=code) for code in changes["languages"]
        )
    association_search_refresh(associations=[association])


def _store_logo(target, content: ContentFile, thumbnail: ContentFile, slug: str) -> None:
    target.logo.save(f"{slug}{_extension(content.name)}", content, save=False)
    target.logo_thumbnail.save(f"{slug}-thumb{_extension(thumbnail.name)}", thumbnail, save=False)
    target.save(update_fields=["logo", "logo_thumbnail"])


def _extension(name: str) -> str:
    return name[name.rfind(".") :] if "." in name else ""


@transaction.atomic
def association_profile_update(
    *,
    association: Association,
    by,
    data: dict,
    expected_version: int,
    logo: CleanImage | None = None,
    may_publish: bool = False,
) -> ProfileUpdate:
    """Save a profile edit from the dashboard.

    Trusted associations and staff allowed to publish (`may_publish`, decided by the
    caller: permission and second factor) publish at once; everyone else's change becomes a
    pending revision for staff review (replacing an older pending one). A form opened
    before someone else saved raises ProfileChangedMeanwhile and changes nothing.
    """
    locked = Association.objects.select_for_update().get(pk=association.pk)
    if locked.version != expected_version:
        raise ProfileChangedMeanwhile
    changes = {
        field: value
        for field, value in _normalise(data).items()
        if profile_values(locked).get(field) != value
    }
    changed_fields = sorted(changes) + (["logo"] if logo else [])
    if not changed_fields:
        return ProfileUpdate(published=True, changed_fields=[])

    if locked.trusted or may_publish:
        _apply(locked, changes)
        if logo:
            _store_logo(locked, logo.image, logo.thumbnail, locked.slug)
        history_record(
            association=locked,
            by=by,
            action=AssociationHistory.Action.EDITED,
            fields=changed_fields,
        )
        association.refresh_from_db()
        return ProfileUpdate(published=True, changed_fields=changed_fields)

    locked.revisions.filter(status=ProfileRevision.Status.PENDING).update(
        status=ProfileRevision.Status.SUPERSEDED
    )
    before = profile_values(locked)
    revision = ProfileRevision.objects.create(
        association=locked,
        submitted_by=by,
        changes=changes,
        previous={field: before[field] for field in changes},
    )
    if logo:
        _store_logo(revision, logo.image, logo.thumbnail, f"{locked.slug}-{revision.pk}")
    locked.version += 1
    locked.save(update_fields=["version"])
    history_record(
        association=locked, by=by, action=AssociationHistory.Action.SUBMITTED, fields=changed_fields
    )
    with translation.override(settings.LANGUAGE_CODE):  # the staff email's language
        labels = field_labels(changed_fields)
    transaction.on_commit(
        lambda: send_templated_mail(
            to=staff_recipients(),
            language=settings.LANGUAGE_CODE,
            template="members/email/revision_submitted",
            context={"revision": revision, "association": locked, "changed_fields": labels},
        )
    )
    association.refresh_from_db()
    return ProfileUpdate(published=False, changed_fields=changed_fields, revision=revision)


def revision_changed_fields(revision: ProfileRevision) -> list[str]:
    return sorted(revision.changes) + (["logo"] if revision.logo else [])


@transaction.atomic
def revision_approve(*, revision: ProfileRevision, by) -> None:
    revision = ProfileRevision.objects.select_for_update().get(pk=revision.pk)
    transition_ensure(revision, ProfileRevision.Status.APPROVED)
    association = Association.objects.select_for_update().get(pk=revision.association_id)
    _apply(association, revision.changes)
    if revision.logo:
        with revision.logo.open("rb") as image, revision.logo_thumbnail.open("rb") as thumbnail:
            _store_logo(
                association,
                ContentFile(image.read(), name=revision.logo.name),
                ContentFile(thumbnail.read(), name=revision.logo_thumbnail.name),
                association.slug,
            )
    revision.status = ProfileRevision.Status.APPROVED
    revision.reviewed_by = by
    revision.reviewed_at = timezone.now()
    revision.save()
    history_record(
        association=association,
        by=by,
        action=AssociationHistory.Action.APPROVED,
        fields=revision_changed_fields(revision),
    )
    _notify_submitter(revision, "members/email/revision_approved")


@transaction.atomic
def revision_reject(*, revision: ProfileRevision, by, reason: str) -> None:
    revision = ProfileRevision.objects.select_for_update().get(pk=revision.pk)
    transition_ensure(revision, ProfileRevision.Status.REJECTED)
    revision.status = ProfileRevision.Status.REJECTED
    revision.reviewed_by = by
    revision.reviewed_at = timezone.now()
    revision.reason = reason
    revision.save()
    history_record(
        association=revision.association,
        by=by,
        action=AssociationHistory.Action.REJECTED,
        fields=revision_changed_fields(revision),
    )
    _notify_submitter(revision, "members/email/revision_rejected")


def _notify_submitter(revision, template):
    submitter = revision.submitted_by
    if submitter is None or not submitter.is_active:
        return
    transaction.on_commit(
        lambda: send_templated_mail(
            to=[submitter.email],
            language=submitter.language,
            template=template,
            context={"revision": revision, "association": revision.association},
        )
    )


# --- associations (staff) ----------------------------------------------------------


def unique_slug(name: str, exclude_pk=None) -> str:
    """A web address part from the name: "Brücke Hörde" → "bruecke-hoerde"."""
    base = german_slug(name) or "verein"
    slug, number = base, 2
    while Association.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def association_create(*, name: str, by=None, languages=(), **fields) -> Association:
    fields_of_activity = fields.pop("fields_of_activity", [])
    communities = fields.pop("communities", [])
    slug = fields.pop("slug", None) or unique_slug(name)
    association = Association(name=name, slug=slug, **fields)
    association.full_clean()
    association.save()
    association.fields_of_activity.set(fields_of_activity)
    association.communities.set(communities)
    AssociationLanguage.objects.bulk_create(
        AssociationLanguage(association=association, code=code) for code in languages
    )
    association_search_refresh(associations=[association])
    history_record(
        association=association, by=by, action=AssociationHistory.Action.CREATED, fields=[]
    )
    return association


def association_search_refresh(*, associations) -> int:
    """Rewrite the folded search text of these associations (a queryset or a list).

    Every change of a name, a description, a list (fields, communities, languages), the
    district or a list entry's name goes through here, so the directory and the site
    search find the association by what it shows at once.
    """
    instances = [] if isinstance(associations, models.QuerySet) else list(associations)
    if not isinstance(associations, models.QuerySet):
        associations = Association.objects.filter(pk__in=[a.pk for a in instances])
    documents = search.refresh(associations)
    for association in instances:  # a later save() of these must not write old text
        association.search_name, association.search_text = documents[association.pk]
    content_changed()  # bulk_update sends no signal: cached result pages are stale
    return len(documents)


def list_entry_saved(*, entry) -> int:
    """A field of activity or a community was renamed: its associations' search text follows."""
    if isinstance(entry, FieldOfActivity):
        associations = Association.objects.filter(fields_of_activity=entry)
    else:
        associations = Association.objects.filter(communities=entry)
    return association_search_refresh(associations=associations)


def list_entries_delete(*, entries) -> int:
    """Fields of activity or communities are deleted: their associations' search text
    no longer holds their names."""
    entries = list(entries)
    if not entries:
        return 0
    link = "fields_of_activity" if isinstance(entries[0], FieldOfActivity) else "communities"
    association_ids = list(
        Association.objects.filter(**{f"{link}__in": entries}).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for entry in entries:
            entry.delete()
        return association_search_refresh(
            associations=Association.objects.filter(pk__in=association_ids)
        )


def association_admin_saved(*, association: Association, by, changed_fields) -> None:
    """Staff saved the association in the back office."""
    Association.objects.filter(pk=association.pk).update(version=association.version + 1)
    association.version += 1
    history_record(
        association=association,
        by=by,
        action=AssociationHistory.Action.ADMIN_EDITED,
        fields=changed_fields,
    )


def association_set_published(*, associations, published: bool, by) -> int:
    count = 0
    for association in associations:
        if association.published != published:
            association.published = published
            association.version += 1
            association.save(update_fields=["published", "version", "updated_at"])
            history_record(
                association=association,
                by=by,
                action=AssociationHistory.Action.PUBLISHED
                if published
                else AssociationHistory.Action.UNPUBLISHED,
                fields=["published"],
            )
            count += 1
    return count


# --- people ------------------------------------------------------------------------


INVITATIONS_PER_DAY = 20


class InvitationRefused(Exception):
    def __init__(self):
        super().__init__(
            _(
                "This association has already sent %(count)d invitations today. "
                "Please send more tomorrow."
            )
            % {"count": INVITATIONS_PER_DAY}
        )


def invitations_left_today(association: Association) -> int:
    """Invitations are mail to addresses the sender chooses: at most INVITATIONS_PER_DAY per
    association and calendar day, whoever sends them (dashboard, back office, acceptance of
    an application). Counted on the invitations themselves, which the same day keeps."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    sent = Invitation.objects.filter(association=association, created_at__gte=midnight).count()
    return max(INVITATIONS_PER_DAY - sent, 0)


@transaction.atomic
def invitation_create(
    *, association: Association, email: str, role: str, by, language: str = "de"
) -> Invitation:
    # The association's row lock makes parallel invitations count one after another.
    Association.objects.select_for_update().get(pk=association.pk)
    if not invitations_left_today(association):
        raise InvitationRefused
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


def membership_remove(*, membership: Membership, by) -> None:
    history_record(
        association=membership.association,
        by=by,
        action=AssociationHistory.Action.REMOVED,
        fields=[membership.user.email],
    )
    membership.delete()


def is_last_admin(membership: Membership) -> bool:
    return (
        membership.role == Membership.Role.ADMIN
        and not Membership.objects.filter(
            association=membership.association, role=Membership.Role.ADMIN
        )
        .exclude(pk=membership.pk)
        .exists()
    )


# --- joining VMDO ------------------------------------------------------------------


@transaction.atomic
def application_submit(*, language: str, **data) -> MembershipApplication:
    application = MembershipApplication(language=language, **data)
    application.full_clean()
    application.save()

    def notify():
        send_templated_mail(
            to=staff_recipients(),
            language=settings.LANGUAGE_CODE,
            template="members/email/application_staff",
            context={"application": application},
        )
        send_templated_mail(
            to=[application.email],
            language=application.language,
            template="members/email/application_confirmation",
            context={"application": application},
        )

    transaction.on_commit(notify)
    return application


@transaction.atomic
def application_accept(*, application: MembershipApplication, by) -> Association:
    """Create the association (unpublished) and invite its contact as association admin."""
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    transition_ensure(application, MembershipApplication.Status.ACCEPTED)
    association = association_create(
        name=application.organisation_name,
        by=by,
        legal_form=application.legal_form,
        founded_year=application.founded_year,
        district=application.district,
        website=application.website,
        description_de=application.description,
        description=application.description,
        email=application.email,
        status=Association.Status.MEMBER,
        member_since=timezone.localdate(),
        published=False,
    )
    application.status = MembershipApplication.Status.ACCEPTED
    application.association = association
    application.reviewed_by = by
    application.reviewed_at = timezone.now()
    application.save()
    invitation_create(
        association=association,
        email=application.email,
        role=Membership.Role.ADMIN,
        by=by,
        language=application.language,
    )
    return association


@transaction.atomic
def application_reject(*, application: MembershipApplication, by) -> None:
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    transition_ensure(application, MembershipApplication.Status.REJECTED)
    application.status = MembershipApplication.Status.REJECTED
    application.reviewed_by = by
    application.reviewed_at = timezone.now()
    application.save(update_fields=["status", "reviewed_by", "reviewed_at"])


# --- personal data (GDPR) ----------------------------------------------------------


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
