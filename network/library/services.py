"""The library's workflows: sharing a resource, its review, the office's own resources,
personal data."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.library.uploads import CheckedFile
from network.models import Resource, ResourceLanguage
from network.permissions import member_associations
from translations.services import translation_texts_saved
from vmdo_portal.audit import log_action
from vmdo_portal.emails import send_templated_mail, staff_recipients
from vmdo_portal.services import Refused, transition_ensure


def _store_file(resource: Resource, checked: CheckedFile | None) -> None:
    if checked is None:
        return
    resource.file_kind = checked.kind
    resource.original_name = checked.original_name
    resource.size = checked.size
    resource.file.save(checked.original_name, checked.content, save=False)


def _languages_set(resource: Resource, languages) -> None:
    resource.languages.all().delete()
    ResourceLanguage.objects.bulk_create(
        ResourceLanguage(resource=resource, code=code) for code in sorted(set(languages))
    )


@transaction.atomic
def resource_share(
    *,
    by,
    association,
    title: str,
    summary: str,
    topic: str,
    kind: str,
    audience: str,
    languages=(),
    link: str = "",
    upload: CheckedFile | None = None,
    office: bool = False,
) -> Resource:
    """Share a resource from the area's form.

    `association`: one of the person's member associations; None only for staff sharing
    for the office (`office`: permission and second factor, decided by the caller). The
    office and trusted associations publish at once; other associations' resources wait
    for staff review. The texts are the German originals (translated in the back office).
    """
    if association is None and not office:
        raise Refused(_("Please choose the association that shares this resource."))
    if association is not None and not member_associations(by).filter(pk=association.pk).exists():
        raise Refused(_("You can only share resources for your own member associations."))
    if not link and upload is None:
        raise Refused(_("Please add a link or a file."))
    publish = office or association.trusted
    now = timezone.now()
    resource = Resource(
        title_de=title,
        summary_de=summary,
        topic=topic,
        kind=kind,
        audience=audience,
        link=link,
        association=association,
        shared_by=by,
        status=Resource.Status.PUBLISHED if publish else Resource.Status.PENDING,
        published_at=now if publish else None,
    )
    _store_file(resource, upload)
    resource.save()
    _languages_set(resource, languages)
    translation_texts_saved(resource, changed=[], created=True, by=by)
    data = {"association": association.name if association else ""}
    action = "resource.published" if publish else "resource.submitted"
    log_action(resource, action, by=by, data=data)
    if not publish:
        transaction.on_commit(
            lambda: send_templated_mail(
                to=staff_recipients(),
                language=settings.LANGUAGE_CODE,
                template="network/library/email/resource_submitted",
                context={"resource": resource, "association": association},
            )
        )
    return resource


@transaction.atomic
def resource_office_save(*, resource: Resource, by, created: bool, upload=None) -> Resource:
    """Staff saved a resource in the back office: a new one is the office's, published at
    once; the form (with its translations) was applied to `resource` by the caller."""
    _store_file(resource, upload)
    if created:
        resource.shared_by = by
        resource.status = Resource.Status.PUBLISHED
        resource.published_at = timezone.now()
    resource.save()
    if created:
        log_action(resource, "resource.published", by=by, data={"via": "admin"})
    return resource


def _review(resource: Resource, status: str, *, by, reason: str = "") -> Resource:
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    transition_ensure(locked, status)
    now = timezone.now()
    locked.status = status
    locked.reviewed_by = by
    locked.reviewed_at = now
    locked.reason = reason
    if status == Resource.Status.PUBLISHED:
        locked.published_at = now
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "reason", "published_at"])
    return locked


def _notify_sharer(resource: Resource, template: str) -> None:
    """The person who shared it, in their language; if their account is gone, the
    association's address in German."""
    person = resource.shared_by
    if person is not None and person.is_active:
        to, language = [person.email], person.language
    elif resource.association is not None and resource.association.email:
        to, language = [resource.association.email], settings.LANGUAGE_CODE
    else:
        return
    transaction.on_commit(
        lambda: send_templated_mail(
            to=to,
            language=language,
            template=template,
            context={"resource": resource, "association": resource.association},
        )
    )


@transaction.atomic
def resource_approve(*, resource: Resource, by) -> Resource:
    resource = _review(resource, Resource.Status.PUBLISHED, by=by)
    log_action(resource, "resource.approved", by=by)
    _notify_sharer(resource, "network/library/email/resource_approved")
    return resource


@transaction.atomic
def resource_reject(*, resource: Resource, by, reason: str) -> Resource:
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Please give a reason for the rejection."))
    resource = _review(resource, Resource.Status.REJECTED, by=by, reason=reason)
    log_action(resource, "resource.rejected", by=by, data={"reason": reason})
    _notify_sharer(resource, "network/library/email/resource_rejected")
    return resource


# --- personal data -------------------------------------------------------------------


def personal_data(user) -> list[dict]:
    """The resources the person shared (they stay with their association)."""
    return [
        {
            "title": resource.title_de,
            "association": resource.association.name if resource.association else None,
            "status": resource.status,
            "shared_at": resource.created_at.isoformat(),
        }
        for resource in Resource.objects.filter(shared_by=user)
        .select_related("association")
        .order_by("created_at", "pk")
    ]


def personal_data_erase(user) -> None:
    """The resources stay with their association; the person is no longer named."""
    Resource.objects.filter(shared_by=user).update(shared_by=None)
    Resource.objects.filter(reviewed_by=user).update(reviewed_by=None)
