"""The audit log: who did what to which object, when, with the changed data.

Every service that changes state calls `log_action` (pretix's `log_action`, Zulip's
`RealmAuditLog`); the back office shows an object's entries on its change page
(`vmdo_portal.audit_admin`) and the whole log under "Audit log". The actions are listed
here, once, with the label staff read; `log_action` refuses a code that is not listed.

`data` holds what changed: field names (`fields`), old → new values, notes and reasons.
It never holds personal data of people who are not the actor: an event registration is
logged with its id only, never a name or an email address.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from vmdo_portal.models import AuditEntry

ACTIONS = {
    # facilities
    "booking.requested": _("Booking requested"),
    "booking.approved": _("Booking approved"),
    "booking.rejected": _("Booking rejected"),
    "booking.withdrawn": _("Booking request withdrawn"),
    "booking.cancelled": _("Booking cancelled"),
    "booking.changed": _("Booking moved"),
    "closure.created": _("Closure created"),
    # events
    "event.created": _("Event created"),
    "event.changed": _("Event changed"),
    "event.submitted": _("Event submitted"),
    "event.published": _("Event published"),
    "event.sent_back": _("Event sent back"),
    "event.cancelled": _("Event cancelled"),
    "event.room_lost": _("Event back to review: its room could not be held"),
    "registration.pending": _("Registration waiting for its email confirmation"),
    "registration.confirmed": _("Registration confirmed"),
    "registration.waiting": _("Registration on the waiting list"),
    "registration.moved_up": _("Registration moved up from the waiting list"),
    "registration.cancelled": _("Registration cancelled"),
    "registration.attended": _("Participation recorded"),
    "registration.attendance_removed": _("Participation removed"),
    # projects
    "project.created": _("Project created"),
    "site.created": _("Site created"),
    # pages
    "page.created": _("Page created"),
    # members
    "association.created": _("Association created"),
    "association.edited": _("Profile edited"),
    "association.published": _("Published"),
    "association.unpublished": _("Unpublished"),
    "revision.submitted": _("Change submitted for review"),
    "revision.approved": _("Change approved"),
    "revision.rejected": _("Change rejected"),
    "invitation.sent": _("Invitation sent"),
    "invitation.resent": _("Invitation sent again"),
    "membership.granted": _("Access granted in the back office"),
    "membership.joined": _("Invitation accepted"),
    "membership.removed": _("Access removed"),
    "membership.role_changed": _("Role changed"),
    "application.submitted": _("Membership application received"),
    "application.accepted": _("Membership application accepted"),
    "application.rejected": _("Membership application rejected"),
    # network: contacts
    "contact_listing.consented": _("Agreed to be listed in the network's contacts"),
    "contact_listing.withdrawn": _("Withdrew the consent to the network's contacts"),
    "contact_listing.deleted": _("Deleted their entry in the network's contacts"),
    # network: circulars
    "circular.created": _("Circular written"),
    "circular.sending": _("Circular sent off (emails going out)"),
    "circular.retried": _("Circular: failed deliveries sent again"),
    "circular.sent": _("Circular: all deliveries done"),
    # network: library (Wissen)
    "resource.published": _("Resource published"),
    "resource.submitted": _("Resource shared, waiting for review"),
    "resource.approved": _("Resource approved and published"),
    "resource.rejected": _("Resource rejected"),
    # network: offers and requests
    "offer.created": _("Offer or request posted"),
    "offer.changed": _("Offer or request edited"),
    "offer.done": _("Offer or request marked as done"),
    "offer.reopened": _("Offer or request reopened"),
    "offer.deleted": _("Offer or request deleted"),
    "offer.answered": _("Answer sent through the portal"),
    "offer.reported": _("Offer or request reported to the office"),
    "offer.hidden": _("Offer or request hidden by the office"),
    "offer.unhidden": _("Offer or request shown again by the office"),
    "offer.report_dismissed": _("Report of an offer or request dismissed"),
    # any model, edited in the back office without a service of its own
    "admin.created": _("Created in the back office"),
    "admin.changed": _("Edited in the back office"),
    "admin.deleted": _("Deleted in the back office"),
    "translation.changed": _("Translation edited in the back office"),
    # translation desk
    "translation.saved": _("Translation saved at the translation desk"),
    "translation.reviewed": _("Machine translation reviewed"),
    "translator.assigned": _("Translator assigned to languages"),
    "translator.changed": _("Translator assignment changed"),
}

DELETED_ACCOUNT = _("deleted account")


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def actor_display(by) -> str:
    return (by.name or by.email) if by is not None else ""


def _entry(obj, action, *, by, data, object_repr) -> AuditEntry:
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to vmdo_portal.audit.ACTIONS.")
    by = by if getattr(by, "is_authenticated", False) else None
    return AuditEntry(
        actor=by,
        actor_name=actor_display(by),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        object_repr=str(obj if object_repr is None else object_repr)[:200],
        data=data or {},
    )


def log_action(obj, action: str, *, by, data: dict | None = None, object_repr=None) -> AuditEntry:
    """Write one entry: `by` (a user or None for the system) did `action` to `obj`.

    `object_repr` replaces `str(obj)` where that would carry personal data."""
    entry = _entry(obj, action, by=by, data=data, object_repr=object_repr)
    entry.save()
    return entry


def log_actions(objs, action: str, *, by, data: dict | None = None) -> list[AuditEntry]:
    """The same action on several objects at once (a booking series' dates)."""
    return AuditEntry.objects.bulk_create(
        _entry(obj, action, by=by, data=data, object_repr=None) for obj in objs
    )


def entries_for(obj):
    """The entries of one object, newest first (the change page, the association's dashboard)."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
    ).select_related("content_type")


def field_labels(model, names) -> list[str]:
    """Readable names of a model's fields ("description [ar]", "logo", ...); names that are
    not fields (gone since, or an inline's name) stay as they are."""
    labels = []
    for name in names:
        try:
            field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            field = None
        if field is None:
            labels.append(str(name))
            continue
        label = (
            getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural
        )
        labels.append(str(label))
    return labels


DATA_LABELS = {
    "fields": _("fields"),
    "note": _("note"),
    "reason": _("reason"),
    "registration": _("registration no."),
    "people": _("people"),
    "from": _("before"),
    "to": _("after"),
    "role": _("role"),
    "invitation": _("invitation no."),
    "copy_of": _("copy of"),
    "via": _("via"),
    "count": _("number"),
    "language": _("language"),
    "languages": _("languages"),
    "sent": _("sent"),
    "failed": _("failed"),
    "association": _("association"),
}


def data_display(entry: AuditEntry) -> list[tuple[str, str]]:
    """An entry's data as (label, text) pairs for the back office."""
    rows = []
    for key, value in entry.data.items():
        if key == "fields":
            text = ", ".join(entry.field_labels())
        elif isinstance(value, dict):
            text = ", ".join(f"{name}: {item}" for name, item in value.items())
        elif isinstance(value, list):
            text = ", ".join(str(item) for item in value)
        else:
            text = str(value)
        rows.append((str(DATA_LABELS.get(key, key)), text))
    return rows


def _anonymous() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(DELETED_ACCOUNT)


def actor_anonymise(user) -> int:
    """A deleted account's entries stay, without its name (GDPR erase)."""
    return AuditEntry.objects.filter(actor=user).update(actor=None, actor_name=_anonymous())


def data_anonymise(key: str, value) -> int:
    """Entries naming a person in their data (`key`: `value`, e.g. whose access ended) keep
    what happened, without them (GDPR erase)."""
    entries = list(AuditEntry.objects.filter(**{f"data__{key}": value}))
    for entry in entries:
        entry.data[key] = _anonymous()
    AuditEntry.objects.bulk_update(entries, ["data"])
    return len(entries)
