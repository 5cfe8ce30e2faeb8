"""Writing and sending circulars.

Sending is idempotent through the delivery rows: `circular_send` creates one row per
address (unique per circular) and queues the first batch; each batch task sends rows that
are still pending, one row at a time: the row is locked (FOR UPDATE SKIP LOCKED, so
parallel workers take different rows), the email handed to the mail server, the row
marked sent or failed, and the transaction committed. A retried or duplicated batch finds
nothing pending for the people already served, so nobody gets the circular twice.

The one gap: a crash after the mail server accepted an email and before the row's commit
leaves the row pending, and the next batch sends it again. We chose at-least-once there
(a lost circular is worse than a rare second copy); marking the row first and sending
after would lose emails silently instead.
"""

import logging
from contextlib import suppress
from datetime import timedelta
from smtplib import SMTPException

from django.core.mail import mailers
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.circulars import selectors
from network.circulars.emails import circular_message
from network.models import Circular, CircularDelivery
from translations.selectors import statuses_for
from translations.services import translation_texts_saved
from vmdo_portal.audit import log_action
from vmdo_portal.services import Refused, transition_ensure
from vmdo_portal.text import one_line

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
# Delivery addresses are kept this long after sending (to answer "did it reach me?").
ADDRESSES_KEPT = timedelta(days=90)

Status = Circular.Status
Delivery = CircularDelivery.Status


@transaction.atomic
def circular_create(
    *,
    subject: str,
    body: str,
    by,
    translations: dict | None = None,
    fields_of_activity=(),
    districts=(),
    languages=(),
) -> Circular:
    """A draft in German; `translations`: {"tr": (subject, body), ...}."""
    circular = Circular(
        subject=subject,
        body=body,
        created_by=by,
        districts=list(districts),
        languages=list(languages),
    )
    circular.subject_de, circular.body_de = subject, body
    for language, (translated_subject, translated_body) in (translations or {}).items():
        setattr(circular, f"subject_{language}", translated_subject)
        setattr(circular, f"body_{language}", translated_body)
    circular.full_clean()
    circular.save()
    circular.fields_of_activity.set(fields_of_activity)
    translation_texts_saved(circular, changed=[], created=True, by=by)
    log_action(circular, "circular.created", by=by)
    return circular


def _enqueue_batch(circular_id: int) -> None:
    from network.circulars.tasks import circular_batch_send  # the task imports this module

    transaction.on_commit(lambda: circular_batch_send.enqueue(circular_id))


@transaction.atomic
def circular_send(*, circular: Circular, by) -> int:
    """Send a draft to its recipients (in the background, in batches); returns how many
    people will get it."""
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    if circular.status != Status.DRAFT:
        raise Refused(_("This circular has already been sent."))
    recipients = selectors.circular_recipients(circular)
    if not recipients:
        raise Refused(_("No account of a member association matches the chosen recipients."))
    CircularDelivery.objects.bulk_create(
        [
            CircularDelivery(
                circular=circular,
                user_id=recipient.user_id,
                association_id=recipient.association_id,
                email=recipient.email,
                language=recipient.language,
            )
            for recipient in recipients
        ],
        ignore_conflicts=True,
    )
    transition_ensure(circular, Status.SENDING)
    circular.status = Status.SENDING
    circular.sent_at = timezone.now()
    circular.save(update_fields=["status", "sent_at", "updated_at"])
    log_action(circular, "circular.sending", by=by, data={"count": len(recipients)})
    _enqueue_batch(circular.pk)
    return len(recipients)


@transaction.atomic
def circular_retry(*, circular: Circular, by) -> int:
    """Send the failed deliveries again (and any left waiting by a stopped worker);
    returns how many are waiting now."""
    circular = Circular.objects.select_for_update().get(pk=circular.pk)
    if circular.status == Status.DRAFT:
        raise Refused(_("This circular has not been sent yet."))
    deliveries = CircularDelivery.objects.filter(circular=circular, email__isnull=False)
    retried = deliveries.filter(status=Delivery.FAILED).update(status=Delivery.PENDING, error="")
    waiting = deliveries.filter(status=Delivery.PENDING).count()
    if not waiting:
        raise Refused(_("No failed or waiting deliveries to send again."))
    if circular.status == Status.SENT:
        transition_ensure(circular, Status.SENDING)
        circular.status = Status.SENDING
        circular.finished_at = None
        circular.save(update_fields=["status", "finished_at", "updated_at"])
    log_action(circular, "circular.retried", by=by, data={"count": retried})
    _enqueue_batch(circular.pk)
    return waiting


def _deliver_one(circular: Circular, statuses: dict, connection) -> bool:
    """Send the next pending delivery; False when none is left to take."""
    with transaction.atomic():
        delivery = (
            CircularDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(circular=circular, status=Delivery.PENDING)
            .select_related("association")
            .order_by("pk")
            .first()
        )
        if delivery is None:
            return False
        try:
            if not delivery.email:
                raise ValueError("no address (deleted)")
            connection.send_messages([circular_message(circular, delivery, statuses)])
        except (SMTPException, OSError, ValueError) as error:
            logger.warning("circular %s: delivery %s failed: %s", circular.pk, delivery.pk, error)
            with suppress(SMTPException, OSError):
                connection.close()  # the next email opens a fresh connection
            delivery.status = Delivery.FAILED
            delivery.error = one_line(f"{type(error).__name__}: {error}")[:500]
        else:
            delivery.status = Delivery.SENT
            delivery.sent_at = timezone.now()
            delivery.error = ""
        delivery.save(update_fields=["status", "error", "sent_at"])
    return True


def circular_batch_deliver(*, circular_id: int, size: int = BATCH_SIZE) -> int:
    """One batch: send up to `size` pending deliveries, then queue the next batch or, with
    nothing left, mark the circular sent. Returns how many deliveries were handled."""
    circular = Circular.objects.filter(pk=circular_id).first()
    if circular is None or circular.status != Status.SENDING:
        return 0
    statuses = statuses_for(circular)
    handled = 0
    connection = mailers.default
    try:
        connection.open()
    except (SMTPException, OSError) as error:
        # The mail server is out of reach: the rows stay waiting; staff send them again.
        logger.warning("circular %s: no connection to the mail server: %s", circular_id, error)
        return 0
    try:
        while handled < size and _deliver_one(circular, statuses, connection):
            handled += 1
    finally:
        connection.close()
    pending = CircularDelivery.objects.filter(circular=circular, status=Delivery.PENDING)
    if pending.exists():
        # Rows still pending but none taken: other workers hold them and finish up.
        if handled:
            _enqueue_batch(circular_id)
        return handled
    _finish(circular_id)
    return handled


@transaction.atomic
def _finish(circular_id: int) -> None:
    circular = Circular.objects.select_for_update().get(pk=circular_id)
    deliveries = CircularDelivery.objects.filter(circular=circular)
    if circular.status != Status.SENDING or deliveries.filter(status=Delivery.PENDING).exists():
        return
    transition_ensure(circular, Status.SENT)
    circular.status = Status.SENT
    circular.finished_at = timezone.now()
    circular.save(update_fields=["status", "finished_at", "updated_at"])
    counts = selectors.delivery_counts(circular)
    log_action(
        circular,
        "circular.sent",
        by=None,
        data={"sent": counts[Delivery.SENT], "failed": counts[Delivery.FAILED]},
    )


def circular_addresses_purge(*, now=None) -> int:
    """Delete the addresses of deliveries of circulars sent more than 90 days ago (the
    counts stay); returns how many rows lost their address."""
    now = now or timezone.now()
    return (
        CircularDelivery.objects.filter(
            circular__sent_at__lt=now - ADDRESSES_KEPT, email__isnull=False
        )
        .exclude(status=Delivery.PENDING)
        .update(email=None, user=None, error="")
    )


def personal_data(user) -> list[dict]:
    """The circulars sent to the person, with the address used (GDPR export)."""
    return [
        {
            "circular": delivery.circular.subject,
            "email": delivery.email,
            "language": delivery.language,
            "status": delivery.status,
            "sent": delivery.sent_at.isoformat() if delivery.sent_at else None,
        }
        for delivery in CircularDelivery.objects.filter(user=user).select_related("circular")
    ]


def personal_data_erase(user) -> None:
    """Deleting the account: deliveries not yet sent are dropped, the others keep their
    status (for the counts) without the address."""
    deliveries = CircularDelivery.objects.filter(user=user)
    deliveries.filter(status=Delivery.PENDING).delete()
    deliveries.update(user=None, email=None, error="")
