"""An association's profile: edits, their review, creation, publishing (dashboard and staff)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.models import (
    Association,
    AssociationLanguage,
    Community,
    FieldOfActivity,
    ProfileRevision,
    field_labels,
)
from members.selectors import (
    LIST_FIELDS,
    PROFILE_FIELDS,
    SIMPLE_FIELDS,
    profile_values,
    revision_changed_fields,
)
from members.services.history import history_record
from members.services.search_text import association_search_refresh
from translations.services import translation_texts_saved
from vmdo_portal.emails import send_templated_mail, staff_recipients
from vmdo_portal.images import CleanImage
from vmdo_portal.services import Refused, transition_ensure
from vmdo_portal.text import german_slug


class ProfileChangedMeanwhile(Refused):
    """Someone else saved the profile after this form was opened."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this profile while you were editing it. Nothing was "
                "saved. Please reload the page to see the current profile, then make your "
                "changes again."
            )
        )


@dataclass
class ProfileUpdate:
    published: bool
    changed_fields: list[str]
    revision: ProfileRevision | None = None

    @property
    def message(self) -> str:
        """What happened, for the person who saved."""
        if not self.changed_fields:
            return str(_("Nothing was changed."))
        if self.published:
            return str(_("The profile has been saved and is public now."))
        return str(
            _(
                "Thank you! Your changes have been sent to the VMDO office for review. "
                "You will receive an email when they are published."
            )
        )


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
    minor: bool = False,
) -> ProfileUpdate:
    """Save a profile edit from the dashboard.

    Trusted associations and staff allowed to publish (`may_publish`, decided by the
    caller: permission and second factor) publish at once; everyone else's change becomes a
    pending revision for staff review (replacing an older pending one). A form opened
    before someone else saved raises ProfileChangedMeanwhile and changes nothing.
    `minor`: a small correction of the German texts; their translations stay up to date
    (at once, or when the pending revision, which keeps the tick, is approved).
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
        translation_texts_saved(locked, changed=changes, minor=minor, by=by)
        if logo:
            _store_logo(locked, logo.image, logo.thumbnail, locked.slug)
        history_record(
            association=locked,
            by=by,
            action="association.edited",
            fields=changed_fields,
        )
        association.refresh_from_db()
        return ProfileUpdate(published=True, changed_fields=changed_fields)

    # The new revision replaces the pending one and keeps what that one changed and the
    # data does not speak of (a translation saved at the desk, a logo waiting for review).
    pending = locked.revisions.filter(status=ProfileRevision.Status.PENDING).first()
    if pending is not None:
        given = _normalise(data)
        kept = {
            field: value
            for field, value in pending.changes.items()
            if field not in given and profile_values(locked).get(field) != value
        }
        changes = kept | changes
        pending.status = ProfileRevision.Status.SUPERSEDED
        pending.save(update_fields=["status"])
    before = profile_values(locked)
    revision = ProfileRevision.objects.create(
        association=locked,
        submitted_by=by,
        changes=changes,
        previous={field: before[field] for field in changes},
        minor=minor,
    )
    if logo:
        _store_logo(revision, logo.image, logo.thumbnail, f"{locked.slug}-{revision.pk}")
    elif pending is not None and pending.logo:
        revision.logo, revision.logo_thumbnail = pending.logo.name, pending.logo_thumbnail.name
        revision.save(update_fields=["logo", "logo_thumbnail"])
    changed_fields = revision_changed_fields(revision)
    locked.version += 1
    locked.save(update_fields=["version"])
    history_record(association=locked, by=by, action="revision.submitted", fields=changed_fields)
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


@transaction.atomic
def revision_approve(*, revision: ProfileRevision, by) -> None:
    revision = ProfileRevision.objects.select_for_update().get(pk=revision.pk)
    transition_ensure(revision, ProfileRevision.Status.APPROVED)
    association = Association.objects.select_for_update().get(pk=revision.association_id)
    _apply(association, revision.changes)
    translation_texts_saved(association, changed=revision.changes, minor=revision.minor, by=by)
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
        action="revision.approved",
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
        action="revision.rejected",
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
    translation_texts_saved(association, changed=[], created=True, by=by)
    history_record(association=association, by=by, action="association.created", fields=[])
    return association


def association_admin_saved(*, association: Association, by, changed_fields) -> None:
    """Staff saved the association in the back office."""
    Association.objects.filter(pk=association.pk).update(version=association.version + 1)
    association.version += 1
    history_record(
        association=association,
        by=by,
        action="admin.changed",
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
                action="association.published" if published else "association.unpublished",
                fields=["published"],
            )
            count += 1
    return count
