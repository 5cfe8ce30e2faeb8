"""Circulars: who gets one, in which language, sent in batches by the background task,
once per person however often a batch runs; failures recorded and sent again on request."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Association, FieldOfActivity, Membership
from network.circulars import selectors, services
from network.circulars.tasks import circular_batch_send
from network.models import Circular, CircularDelivery
from tests.factories import AssociationFactory, UserFactory, member_of
from vmdo_portal import personal_data
from vmdo_portal.models import AuditEntry
from vmdo_portal.services import Refused

pytestmark = pytest.mark.django_db

FAILING = {"default": {"BACKEND": "tests.network.failing_mail.EmailBackend"}}


def write(**fields):
    fields.setdefault("subject", "Einladung zur Mitgliederversammlung")
    fields.setdefault("body", "Liebe Vereine,\n\nwir laden **herzlich** ein.")
    return services.circular_create(by=None, **fields)


def send(circular, capture, by=None):
    with capture(execute=True):
        return services.circular_send(circular=circular, by=by)


def recipients(circular):
    return sorted(recipient.email for recipient in selectors.circular_recipients(circular))


@pytest.fixture
def network():
    """Three member associations and their people, one applicant, one former member."""
    culture = FieldOfActivity.objects.get(slug="culture")
    refugees = FieldOfActivity.objects.get(slug="refugee-work")
    nord = AssociationFactory(
        name="A Nordstadt", district="innenstadt-nord", languages=["ar", "de"],
        fields_of_activity=[culture],
    )  # fmt: skip
    eving = AssociationFactory(
        name="B Eving", district="eving", languages=["tr"], fields_of_activity=[refugees]
    )
    hoerde = AssociationFactory(
        name="C Hörde", district="hoerde", languages=["ar", "tr"],
        fields_of_activity=[culture, refugees],
    )  # fmt: skip
    member_of(nord, email="nord@example.org", language="ar")
    member_of(nord, Membership.Role.ADMIN, email="nord-admin@example.org", language="tr")
    member_of(eving, email="eving@example.org", language="en")
    both = member_of(hoerde, email="hoerde@example.org")
    Membership.objects.create(user=both, association=nord)  # one person, two associations
    applicant = AssociationFactory(status=Association.Status.APPLICANT, district="eving")
    member_of(applicant, email="applicant@example.org")
    former = AssociationFactory(status=Association.Status.FORMER, district="eving")
    member_of(former, email="former@example.org")
    gone = member_of(eving, email="inactive@example.org")
    gone.is_active = False
    gone.save()
    return {"culture": culture, "refugees": refugees, "nord": nord, "eving": eving}


ALL = ["eving@example.org", "hoerde@example.org", "nord-admin@example.org", "nord@example.org"]


def test_without_criteria_all_people_of_member_associations_get_it_once(network):
    assert recipients(write()) == ALL


def test_recipients_by_field_of_activity(network):
    circular = write()
    circular.fields_of_activity.set([network["refugees"]])
    assert recipients(circular) == ["eving@example.org", "hoerde@example.org"]


def test_recipients_by_district(network):
    assert recipients(write(districts=["eving", "hoerde"])) == [
        "eving@example.org",
        "hoerde@example.org",
    ]


def test_recipients_by_language_of_the_association(network):
    assert recipients(write(languages=["ar"])) == [
        "hoerde@example.org",
        "nord-admin@example.org",
        "nord@example.org",
    ]


def test_every_criterion_must_hold(network):
    circular = write(districts=["innenstadt-nord", "eving"], languages=["tr"])
    assert recipients(circular) == ["eving@example.org"]
    circular.fields_of_activity.set([network["culture"]])
    assert recipients(circular) == []


def test_a_person_in_two_associations_is_reached_through_the_first_by_name(network):
    found = {r.email: r.association_id for r in selectors.circular_recipients(write())}
    assert found["hoerde@example.org"] == network["nord"].pk


def test_each_gets_their_language_where_translated_else_german(
    network, django_capture_on_commit_callbacks
):
    circular = write(
        translations={"ar": ("دعوة", "نص **الدعوة**"), "tr": ("Davet", "")},  # Turkish: no text
    )
    send(circular, django_capture_on_commit_callbacks)
    languages = dict(CircularDelivery.objects.values_list("email", "language"))
    assert languages == {
        "nord@example.org": "ar",
        "nord-admin@example.org": "de",  # Turkish subject without a text: German
        "eving@example.org": "de",  # English: not translated
        "hoerde@example.org": "de",
    }
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "nord@example.org": "[VMDO] دعوة",
        "nord-admin@example.org": "[VMDO] Einladung zur Mitgliederversammlung",
        "eving@example.org": "[VMDO] Einladung zur Mitgliederversammlung",
        "hoerde@example.org": "[VMDO] Einladung zur Mitgliederversammlung",
    }
    arabic = next(m for m in mail.outbox if m.to == ["nord@example.org"])
    assert "نص **الدعوة**" in arabic.body
    html = arabic.alternatives[0].content
    assert '<html lang="ar" dir="rtl">' in html
    assert "<p>نص <strong>الدعوة</strong></p>" in html
    assert f"/ar/netzwerk/rundschreiben/{circular.pk}/" in arabic.body


def test_sending_emails_everyone_once_and_marks_the_circular_sent(
    network, django_capture_on_commit_callbacks
):
    staff = UserFactory(is_staff=True)
    circular = write()
    assert send(circular, django_capture_on_commit_callbacks, by=staff) == 4
    assert sorted(m.to[0] for m in mail.outbox) == ALL
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT
    assert circular.finished_at >= circular.sent_at
    assert selectors.delivery_counts(circular) == {"total": 4, "pending": 0, "sent": 4, "failed": 0}
    actions = list(
        AuditEntry.objects.filter(object_id=circular.pk, action__startswith="circular.")
        .order_by("pk")
        .values_list("action", "actor", "data")
    )
    assert actions == [
        ("circular.created", None, {}),
        ("circular.sending", staff.pk, {"count": 4}),
        ("circular.sent", None, {"sent": 4, "failed": 0}),
    ]


def test_the_email_gives_the_date_per_cldr_and_the_association(
    network, django_capture_on_commit_callbacks
):
    circular = write(translations={"ar": ("دعوة", "نص")})
    send(circular, django_capture_on_commit_callbacks)
    circular.refresh_from_db()
    german = next(m for m in mail.outbox if m.to == ["eving@example.org"])
    day = timezone.localtime(circular.sent_at)
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember"]  # fmt: skip
    assert f"{day.day}. {months[day.month - 1]} {day.year}" in german.body
    assert "B Eving" in german.body


def test_a_second_send_is_refused_and_mails_nobody(network, django_capture_on_commit_callbacks):
    circular = write()
    send(circular, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with pytest.raises(Refused) as refused:
        send(circular, django_capture_on_commit_callbacks)
    assert refused.value.errors == ["Dieses Rundschreiben wurde bereits gesendet."]
    assert mail.outbox == []


def test_nobody_to_send_to_is_refused(network, django_capture_on_commit_callbacks):
    circular = write(districts=["mengede"])
    with pytest.raises(Refused) as refused:
        send(circular, django_capture_on_commit_callbacks)
    assert refused.value.errors == [
        "Kein Konto eines Mitgliedsvereins passt zu den gewählten Empfängern."
    ]
    circular.refresh_from_db()
    assert (circular.status, CircularDelivery.objects.count()) == ("draft", 0)


def test_running_the_batch_task_again_sends_nothing_twice(
    network, django_capture_on_commit_callbacks
):
    circular = write()
    send(circular, django_capture_on_commit_callbacks)
    # Retried by the worker, twice, with the circular put back to sending.
    Circular.objects.filter(pk=circular.pk).update(status=Circular.Status.SENDING)
    with django_capture_on_commit_callbacks(execute=True):
        circular_batch_send.call(circular.pk)
        circular_batch_send.call(circular.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ALL


def test_batches_send_the_rest_in_order(network, django_capture_on_commit_callbacks):
    circular = write()
    with django_capture_on_commit_callbacks(execute=False):  # no task yet
        services.circular_send(circular=circular, by=None)
    assert services.circular_batch_deliver(circular_id=circular.pk, size=3) == 3
    assert len(mail.outbox) == 3
    assert selectors.delivery_counts(circular)["pending"] == 1
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENDING
    assert services.circular_batch_deliver(circular_id=circular.pk, size=3) == 1
    assert len(mail.outbox) == 4
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT
    # A batch after the end finds nothing to do.
    assert services.circular_batch_deliver(circular_id=circular.pk, size=3) == 0
    assert len(mail.outbox) == 4


def test_a_big_circular_goes_out_in_batches_of_fifty(django_capture_on_commit_callbacks):
    association = AssociationFactory()
    for number in range(services.BATCH_SIZE + 7):
        member_of(association, email=f"p{number:03}@example.org")
    circular = write()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.circular_send(circular=circular, by=None)
    # The send queued one batch, the first batch the second, the second none.
    assert len(callbacks) == 2
    assert len(mail.outbox) == services.BATCH_SIZE + 7
    assert len({m.to[0] for m in mail.outbox}) == services.BATCH_SIZE + 7


def test_a_refused_address_is_recorded_and_sent_only_on_retry(
    network, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = FAILING
    refused_person = member_of(network["eving"], email="refused@example.org")
    circular = write()
    send(circular, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ALL
    failed = CircularDelivery.objects.get(status="failed")
    assert failed.email == "refused@example.org"
    assert failed.error == (
        "SMTPRecipientsRefused: {'refused@example.org': (550, b'5.1.1 no such mailbox')}"
    )
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT  # done: staff decide about failures
    # Another batch does not touch the failure.
    Circular.objects.filter(pk=circular.pk).update(status=Circular.Status.SENDING)
    with django_capture_on_commit_callbacks(execute=True):
        circular_batch_send.call(circular.pk)
    assert len(mail.outbox) == 4
    # The address works again; staff send the failed ones again: only that one goes out.
    refused_person.email = "fixed@example.org"
    CircularDelivery.objects.filter(pk=failed.pk).update(email="fixed@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.circular_retry(circular=circular, by=None) == 1
    assert [m.to for m in mail.outbox] == [["fixed@example.org"]]
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT
    assert selectors.delivery_counts(circular) == {"total": 5, "pending": 0, "sent": 5, "failed": 0}
    with pytest.raises(Refused) as refused:
        services.circular_retry(circular=circular, by=None)
    assert refused.value.errors == [
        "Es gibt keine fehlgeschlagenen oder wartenden Zustellungen, die erneut gesendet werden können."
    ]


def test_a_draft_cannot_be_retried(network):
    with pytest.raises(Refused) as refused:
        services.circular_retry(circular=write(), by=None)
    assert refused.value.errors == ["Dieses Rundschreiben wurde noch nicht gesendet."]


def test_hostile_markdown_is_text_in_both_parts(network, django_capture_on_commit_callbacks):
    circular = write(
        subject="<b>Achtung</b>",
        body="Hallo <script>alert(1)</script> [klick](javascript:alert(1)) <img src=x onerror=alert(2)>",
    )
    send(circular, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.subject == "[VMDO] <b>Achtung</b>"
    assert "Hallo <script>alert(1)</script> [klick](javascript:alert(1))" in message.body
    html = message.alternatives[0].content
    assert "<script>" not in html
    assert "<img" not in html
    assert 'href="javascript:' not in html
    assert "[klick](javascript:alert(1))" in html  # not a link: shown as written
    assert "Hallo &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<title>&lt;b&gt;Achtung&lt;/b&gt;</title>" in html


def test_the_deliveries_are_in_the_personal_data_and_erased_with_the_account(
    network, django_capture_on_commit_callbacks
):
    circular = write()
    send(circular, django_capture_on_commit_callbacks)
    circular.refresh_from_db()
    person = CircularDelivery.objects.get(email="eving@example.org").user
    delivery = CircularDelivery.objects.get(user=person)
    assert personal_data.collect(person)["network.circulars"] == [
        {
            "circular": "Einladung zur Mitgliederversammlung",
            "email": "eving@example.org",
            "language": "de",
            "status": "sent",
            "sent": delivery.sent_at.isoformat(),
        }
    ]
    personal_data.erase(person)
    delivery.refresh_from_db()
    assert (delivery.user, delivery.email, delivery.status) == (None, None, "sent")
    assert selectors.delivery_counts(circular)["sent"] == 4


def test_a_waiting_delivery_of_an_erased_person_is_dropped(
    network, django_capture_on_commit_callbacks
):
    circular = write()
    with django_capture_on_commit_callbacks(execute=False):
        services.circular_send(circular=circular, by=None)
    person = CircularDelivery.objects.get(email="eving@example.org").user
    personal_data.erase(person)
    services.circular_batch_deliver(circular_id=circular.pk)
    assert sorted(m.to[0] for m in mail.outbox) == [a for a in ALL if a != "eving@example.org"]


def test_addresses_are_deleted_ninety_days_after_sending(
    network, django_capture_on_commit_callbacks
):
    old, recent = write(), write(subject="Neu")
    send(old, django_capture_on_commit_callbacks)
    send(recent, django_capture_on_commit_callbacks)
    Circular.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=91))
    assert services.circular_addresses_purge() == 4
    assert CircularDelivery.objects.filter(circular=old, email__isnull=False).count() == 0
    assert CircularDelivery.objects.filter(circular=recent, email__isnull=False).count() == 4
    assert selectors.delivery_counts(old)["sent"] == 4


def test_the_purge_command_deletes_old_addresses(network, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    old = write()
    send(old, django_capture_on_commit_callbacks)
    Circular.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=91))
    out = StringIO()
    call_command("purge_circular_addresses", stdout=out)
    assert out.getvalue() == "4 delivery addresses deleted.\n"


def test_the_demo_sends_two_circulars_one_translated(network, django_capture_on_commit_callbacks):
    from network.circulars import demo

    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(users={"staff": staff})
        demo.seed(users={"staff": staff})  # again: nothing new
    circulars = list(Circular.objects.order_by("pk"))
    assert [(c.subject_de, c.status) for c in circulars] == [
        (demo.ASSEMBLY, "sent"),
        (demo.FUNDING, "sent"),
    ]
    assert (circulars[0].subject_ar, circulars[0].subject_tr) == (
        "دعوة إلى الجمعية العامة للأعضاء (مثال)",
        "Üye genel kuruluna davet (örnek)",
    )
    # The funding circular only to the Nordstadt (innenstadt-nord).
    funding = sorted(
        CircularDelivery.objects.filter(circular=circulars[1]).values_list("email", flat=True)
    )
    assert funding == ["hoerde@example.org", "nord-admin@example.org", "nord@example.org"]
