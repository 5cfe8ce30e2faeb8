"""Offers and requests: posting, answering, reporting and the office's moderation."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import OfferAnswer, OfferPost, OfferPostLanguage, OfferReport
from network.offers.permissions import may_manage, postable_associations
from network.offers.rules import post_problems
from network.permissions import member_associations
from vmdo_portal.audit import log_action
from vmdo_portal.emails import send_templated_mail
from vmdo_portal.services import Refused, transition_ensure

POST_FIELDS = ("kind", "category", "title", "text", "district", "valid_until")
ANSWER_TEMPLATE = "network/offers/email/answer"


def _check(*, category, languages, valid_until) -> None:
    problems = post_problems(category=category, languages=languages, valid_until=valid_until)
    if problems:
        raise Refused(list(problems.values()))


def _languages_set(post, codes) -> None:
    post.languages.all().delete()
    OfferPostLanguage.objects.bulk_create(
        OfferPostLanguage(post=post, code=code) for code in sorted(set(codes))
    )


@transaction.atomic
def offer_post_create(
    *,
    by,
    association,
    kind,
    category,
    title,
    text,
    valid_until,
    languages=(),
    district="",
) -> OfferPost:
    """A member posts an offer or a request for one of their member associations."""
    if not postable_associations(by).filter(pk=association.pk).exists():
        raise Refused(_("You can only post for your own member associations."))
    _check(category=category, languages=languages, valid_until=valid_until)
    post = OfferPost(
        association=association,
        author=by,
        kind=kind,
        category=category,
        title=title,
        text=text,
        district=district,
        valid_until=valid_until,
    )
    post.full_clean()
    post.save()
    _languages_set(post, languages)
    log_action(post, "offer.created", by=by)
    return post


@transaction.atomic
def offer_post_update(*, post, by, languages=(), **fields) -> OfferPost:
    """The post's association changes its text, category, languages, validity …"""
    if not may_manage(by, post):
        raise Refused(_("Only the association's members can change its posts."))
    values = {name: fields.get(name, getattr(post, name)) for name in POST_FIELDS}
    _check(category=values["category"], languages=languages, valid_until=values["valid_until"])
    changed = [name for name in POST_FIELDS if getattr(post, name) != values[name]]
    if sorted(set(languages)) != post.language_codes:
        changed.append("languages")
    for name, value in values.items():
        setattr(post, name, value)
    post.full_clean()
    post.save()
    _languages_set(post, languages)
    log_action(post, "offer.changed", by=by, data={"fields": changed})
    return post


def _status_set(*, post, by, target, action) -> OfferPost:
    if not may_manage(by, post):
        raise Refused(_("Only the association's members can change its posts."))
    transition_ensure(post, target)
    post.status = target
    post.save(update_fields=["status", "updated_at"])
    log_action(post, action, by=by)
    return post


@transaction.atomic
def offer_post_done(*, post, by) -> OfferPost:
    """Found or given: the post leaves the list."""
    return _status_set(post=post, by=by, target=OfferPost.Status.DONE, action="offer.done")


@transaction.atomic
def offer_post_reopen(*, post, by) -> OfferPost:
    return _status_set(post=post, by=by, target=OfferPost.Status.OPEN, action="offer.reopened")


@transaction.atomic
def offer_post_delete(*, post, by) -> None:
    if not may_manage(by, post):
        raise Refused(_("Only the association's members can delete its posts."))
    log_action(post, "offer.deleted", by=by, data={"note": post.title})
    post.delete()


def _recipients(post) -> list[tuple[str, str]]:
    """(address, language) of the posting association's contacts: the accounts of its
    members; the association's contact address (in German) when it has none."""
    people = [
        (membership.user.email, membership.user.language or settings.LANGUAGE_CODE)
        for membership in post.association.memberships.select_related("user").order_by("pk")
        if membership.user.is_active
    ]
    if people:
        return people
    if post.association.email:
        return [(post.association.email, settings.LANGUAGE_CODE)]
    return []


@transaction.atomic
def offer_answer_send(*, post, by, message, share_email=False) -> OfferAnswer:
    """Someone inside the area answers a post: each contact of the posting association
    gets the message by email in their language; a reply goes to the answering person
    only if they agreed. The message is not stored."""
    if may_manage(by, post):
        raise Refused(_("This is a post of your own association."))
    if not post.is_current():
        raise Refused(_("This post is no longer open for answers."))
    recipients = _recipients(post)
    if not recipients:
        raise Refused(_("This association cannot be reached through the portal at the moment."))
    answer = OfferAnswer.objects.create(post=post, sender=by, email_shared=share_email)
    log_action(post, "offer.answered", by=by, data={"note": f"#{answer.pk}"})
    context = {
        "post": post,
        "sender_name": by.name,
        "sender_associations": [a.name for a in member_associations(by)],
        "message": message,
        "email_shared": share_email,
    }
    reply_to = [by.email] if share_email else []
    for address, language in recipients:
        transaction.on_commit(
            lambda address=address, language=language: send_templated_mail(
                to=[address],
                language=language,
                template=ANSWER_TEMPLATE,
                context=context,
                reply_to=reply_to,
            )
        )
    return answer


@transaction.atomic
def offer_report(*, post, by, reason) -> OfferReport:
    """A person inside the area tells the office a post does not belong here."""
    report = OfferReport.objects.create(post=post, reporter=by, reason=reason)
    log_action(post, "offer.reported", by=by, data={"note": f"#{report.pk}"})
    return report


def _reports_handled(post) -> None:
    post.reports.filter(handled_at__isnull=True).update(handled_at=timezone.now())


@transaction.atomic
def offer_post_hide(*, post, by, reason) -> OfferPost:
    """The office takes a post out of the area; its association sees that and why."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Please give a reason: the association reads it."))
    post.hidden, post.hidden_reason = True, reason
    post.save(update_fields=["hidden", "hidden_reason", "updated_at"])
    _reports_handled(post)
    log_action(post, "offer.hidden", by=by, data={"reason": reason})
    return post


@transaction.atomic
def offer_post_unhide(*, post, by) -> OfferPost:
    if not post.hidden:
        raise Refused(_("This post is not hidden."))
    post.hidden, post.hidden_reason = False, ""
    post.save(update_fields=["hidden", "hidden_reason", "updated_at"])
    _reports_handled(post)
    log_action(post, "offer.unhidden", by=by)
    return post


@transaction.atomic
def offer_reports_dismiss(*, reports, by) -> int:
    """The office read the reports and leaves the posts as they are."""
    count = 0
    for report in reports.filter(handled_at__isnull=True).select_related("post"):
        report.handled_at = timezone.now()
        report.save(update_fields=["handled_at"])
        log_action(report.post, "offer.report_dismissed", by=by, data={"note": f"#{report.pk}"})
        count += 1
    return count


def personal_data(user) -> dict:
    """What the person wrote and sent: their posts, answers (without the messages, which
    are not kept) and reports."""
    return {
        "posts": [
            {
                "association": post.association.name,
                "kind": post.kind,
                "category": post.category,
                "title": post.title,
                "text": post.text,
                "languages": post.language_codes,
                "district": post.district,
                "valid_until": post.valid_until.isoformat(),
                "status": post.status,
                "created": post.created_at.isoformat(),
            }
            for post in OfferPost.objects.filter(author=user)
            .select_related("association")
            .prefetch_related("languages")
        ],
        "answers_sent": [
            {
                "post": answer.post.title,
                "association": answer.post.association.name,
                "email_shared": answer.email_shared,
                "sent": answer.created_at.isoformat(),
            }
            for answer in OfferAnswer.objects.filter(sender=user).select_related(
                "post__association"
            )
        ],
        "reports": [
            {
                "post": report.post.title,
                "reason": report.reason,
                "reported": report.created_at.isoformat(),
            }
            for report in OfferReport.objects.filter(reporter=user).select_related("post")
        ],
    }


def personal_data_erase(user) -> None:
    """Posts stay with their association (without the author); the record of answers
    sent goes; reports stay for the office without the reporter."""
    OfferPost.objects.filter(author=user).update(author=None)
    OfferAnswer.objects.filter(sender=user).delete()
    OfferReport.objects.filter(reporter=user).update(reporter=None)
