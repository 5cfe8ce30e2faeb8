"""Joining VMDO: membership applications and their review."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from members.models import Association, Membership, MembershipApplication
from members.services.people import invitation_create
from members.services.profile import association_create
from vmdo_portal.audit import log_action
from vmdo_portal.emails import send_templated_mail, staff_recipients
from vmdo_portal.services import transition_ensure


@transaction.atomic
def application_submit(*, language: str, **data) -> MembershipApplication:
    application = MembershipApplication(language=language, **data)
    application.full_clean()
    application.save()
    log_action(application, "application.submitted", by=None)

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
    log_action(application, "application.accepted", by=by)
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
    log_action(application, "application.rejected", by=by)
