"""Circulars in the network area (archive, "new since your last visit") and in the back
office (writing, sending with a confirmation, progress, failures, sending again)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from network.circulars import services
from network.models import Circular, CircularDelivery
from tests.factories import AssociationFactory, member_of
from tests.network.conftest import NETWORK_ROLES, expected
from translations.services import translation_saved
from vmdo_portal.models import AuditEntry

pytestmark = pytest.mark.django_db

ARCHIVE = "/de/netzwerk/rundschreiben/"
ADMIN = "/verwaltung/network/circular/"


def circular(subject="Einladung zur Mitgliederversammlung", *, sent=True, days_ago=0, **fields):
    fields.setdefault("body", "Liebe Vereine,\n\n## Tagesordnung\n\n- Bericht")
    made = services.circular_create(by=None, subject=subject, **fields)
    if sent:  # as circular_send leaves it, without mail (tests/network/test_circulars.py)
        Circular.objects.filter(pk=made.pk).update(
            status=Circular.Status.SENT, sent_at=timezone.now() - timedelta(days=days_ago)
        )
        made.refresh_from_db()
    return made


# ---- who sees what ---------------------------------------------------------------------

# Staff acting for the office get the back office only with the permission (Redaktion)
# and their second factor; everybody else is sent to the back office's login.
BACK_OFFICE = dict.fromkeys(NETWORK_ROLES, 302) | {"staff_without_permission": 403}


def matrix():
    yield "archive", "get", ARCHIVE, expected(200)
    yield "sent circular", "get", ARCHIVE + "{sent}/", expected(200)
    yield "draft", "get", ARCHIVE + "{draft}/", expected(404)
    yield "admin list", "get", ADMIN, BACK_OFFICE | {"staff_with_permission": 200}
    yield (
        "admin change",
        "get",
        ADMIN + "{draft}/change/",
        BACK_OFFICE | {"staff_with_permission": 200},
    )
    yield (
        "send page",
        "get",
        ADMIN + "{draft}/senden/",
        BACK_OFFICE | {"staff_with_permission": 200},
    )
    yield "send", "post", ADMIN + "{draft}/senden/", BACK_OFFICE | {"staff_with_permission": 302}
    yield (
        "retry",
        "post",
        ADMIN + "{sent}/erneut-senden/",
        BACK_OFFICE | {"staff_with_permission": 302},
    )


CASES = [
    (name, method, path, role, table[role])
    for name, method, path, table in matrix()
    for role in NETWORK_ROLES
]


@pytest.mark.parametrize(
    ("name", "method", "path", "role", "status"),
    CASES,
    ids=[f"{name}-{role}" for name, _m, _p, role, _s in CASES],
)
def test_permission_matrix(
    network_as, django_capture_on_commit_callbacks, name, method, path, role, status
):
    client, _user, association = network_as(role)
    member_of(association, email="empfaenger@example.org")
    sent, draft = circular("Gesendet"), circular("Entwurf", sent=False)
    CircularDelivery.objects.create(
        circular=sent, email="empfaenger@example.org", language="de", status="failed"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client, method)(path.format(sent=sent.pk, draft=draft.pk))
    assert response.status_code == status
    # Only staff with the permission change anything.
    changed = status == 302 and role == "staff_with_permission"
    draft.refresh_from_db()
    assert draft.status == ("sent" if changed and name == "send" else "draft")
    delivered = [m.to for m in mail.outbox]
    assert delivered == ([["empfaenger@example.org"]] if changed else [])


# ---- the archive -----------------------------------------------------------------------


@pytest.fixture
def member(client):
    association = AssociationFactory()
    client.force_login(member_of(association))
    return client


def test_the_archive_lists_sent_circulars_newest_first_without_drafts(member):
    circular("Älter", days_ago=3)
    circular("Neuer", days_ago=1)
    circular("Entwurf", sent=False)
    response = member.get(ARCHIVE)
    assert [c.subject for c in response.context["circulars"]] == ["Neuer", "Älter"]
    assert "Entwurf" not in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_the_archive_needs_the_same_queries_for_1_or_20(member, django_assert_num_queries, rows):
    for number in range(rows):
        circular(f"Rundschreiben {number}", days_ago=number)
    with django_assert_num_queries(6):
        response = member.get(ARCHIVE)
    assert len(response.context["circulars"]) == rows


def test_a_circular_in_arabic_where_translated(member):
    sent = circular(translations={"ar": ("دعوة", "## جدول الأعمال")})
    page = member.get(f"/ar/netzwerk/rundschreiben/{sent.pk}/").content.decode()
    assert "<h1>دعوة</h1>" in page
    assert '<div class="prose"><h2>جدول الأعمال</h2>' in page
    assert "machine-note" not in page


def test_a_circular_not_translated_shows_in_german_marked_as_german(member):
    sent = circular()
    page = member.get(f"/tr/netzwerk/rundschreiben/{sent.pk}/").content.decode()
    assert '<h1 lang="de" dir="ltr">Einladung zur Mitgliederversammlung</h1>' in page
    assert '<div class="prose" lang="de" dir="ltr"><p>Liebe Vereine,</p>' in page


def test_a_machine_translation_says_so(member):
    sent = circular()
    sent.subject_uk, sent.body_uk = "Запрошення", "Шановні"
    sent.save()
    translation_saved(sent, "subject", "uk", machine=True)
    translation_saved(sent, "body", "uk", machine=True)
    page = member.get(f"/uk/netzwerk/rundschreiben/{sent.pk}/").content.decode()
    assert (
        f'<p class="machine-note"><a href="/de/netzwerk/rundschreiben/{sent.pk}/" hreflang="de">'
        in page
    )


def test_hostile_markdown_is_shown_as_text(member):
    sent = circular(body="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=1>")
    page = member.get(f"{ARCHIVE}{sent.pk}/").content.decode()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_new_circulars_since_the_last_visit_are_on_the_start_page(member):
    circular("Neu seit dem letzten Besuch", days_ago=2)
    circular("Schon älter", days_ago=40)  # a first visit looks back 30 days
    page = member.get("/de/netzwerk/").content.decode()
    assert "Neu seit dem letzten Besuch" in page
    assert "Schon älter" not in page
    assert page.count(f'href="{ARCHIVE}"') == 3  # the area's navigation (phone, wide), the news


def test_nothing_new_shows_no_circulars_section(member):
    circular("Schon älter", days_ago=40)
    assert 'id="news-circulars"' not in member.get("/de/netzwerk/").content.decode()


# ---- the back office ------------------------------------------------------------------


def test_staff_write_a_circular_with_its_recipients(staff_client, staff_with_totp):
    response = staff_client.post(
        ADMIN + "add/",
        {"subject_de": "Fristen", "body_de": "Bitte **bis Freitag**.", "districts": ["eving"],
         "languages": ["tr", "ar"]},
    )  # fmt: skip
    assert response.status_code == 302
    made = Circular.objects.get()
    assert (made.subject, made.status, made.created_by) == ("Fristen", "draft", staff_with_totp)
    assert (made.districts, made.languages) == (["eving"], ["tr", "ar"])
    assert AuditEntry.objects.filter(object_id=made.pk, action="admin.created").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"subject_de": "", "body_de": "Text"}, "subject_de", "This field is required."),
        ({"subject_de": "Betreff", "body_de": ""}, "body_de", "This field is required."),
        (
            {"subject_de": "B" * 201, "body_de": "Text"},
            "subject_de",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            {"subject_de": "Betreff", "body_de": "x" * 20_001},
            "body_de",
            "Ensure this value has at most 20000 characters (it has 20001).",
        ),
        (
            {"subject_de": "Zeile\nZeile", "body_de": "Text"},
            "subject_de",
            "Please use only letters, numbers and punctuation (no line breaks or tabs).",
        ),
        (
            {"subject_de": "Betreff", "body_de": "Text", "districts": ["<script>"]},
            "districts",
            "Select a valid choice. <script> is not one of the available choices.",
        ),
    ],
    ids=["empty subject", "empty text", "huge subject", "huge text", "line break", "hostile"],
)
def test_bad_input_is_refused_with_a_message(staff_client, settings, data, field, error):
    settings.LANGUAGE_CODE = "en"
    response = staff_client.post(ADMIN + "add/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [error]
    assert Circular.objects.count() == 0


def test_hostile_text_is_kept_as_text_in_the_back_office(staff_client):
    staff_client.post(ADMIN + "add/", {"subject_de": "<b>x</b>", "body_de": "<script>1</script>"})
    made = Circular.objects.get()
    page = staff_client.get(f"{ADMIN}{made.pk}/change/").content.decode()
    assert "<b>x</b>" not in page
    assert "<script>1</script>" not in page


def test_sending_from_the_back_office_shows_progress_and_failures(
    staff_client, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "tests.network.failing_mail.EmailBackend"}}
    association = AssociationFactory(name="Kulturverein Eving")
    member_of(association, email="ok@example.org")
    member_of(association, email="refused@example.org")
    draft = circular(sent=False)
    confirm = staff_client.get(f"{ADMIN}{draft.pk}/senden/").content.decode()
    assert "<p>Dieses Rundschreiben jetzt an 2 Personen senden?</p>" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"{ADMIN}{draft.pk}/senden/")
    assert response["Location"] == f"{ADMIN}{draft.pk}/change/"
    assert [m.to for m in mail.outbox] == [["ok@example.org"]]
    page = staff_client.get(f"{ADMIN}{draft.pk}/change/").content.decode()
    assert "<strong>1</strong>" in page
    assert (
        "<tr><td>refused@example.org</td><td>Kulturverein Eving</td><td>SMTPRecipientsRefused: "
        "{&#x27;refused@example.org&#x27;: (550, b&#x27;5.1.1 no such mailbox&#x27;)}</td></tr>"
    ) in page
    # Sending again after the mailbox was fixed: only the failed one.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"{ADMIN}{draft.pk}/erneut-senden/")
    assert [m.to for m in mail.outbox] == [["ok@example.org"], ["refused@example.org"]]


def test_a_sent_circular_cannot_be_sent_again_from_the_back_office(
    staff_client, django_capture_on_commit_callbacks
):
    member_of(AssociationFactory(), email="einmal@example.org")
    draft = circular(sent=False)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"{ADMIN}{draft.pk}/senden/")
        staff_client.post(f"{ADMIN}{draft.pk}/senden/")
    assert [m.to for m in mail.outbox] == [["einmal@example.org"]]


@pytest.mark.parametrize("rows", [1, 20])
def test_the_back_office_list_needs_the_same_queries_for_1_or_20(
    staff_client, django_assert_num_queries, rows
):
    for number in range(rows):
        circular(f"Rundschreiben {number}", sent=number % 2 == 0)
    with django_assert_num_queries(6):
        response = staff_client.get(ADMIN)
    assert response.context["cl"].result_count == rows


def test_the_list_action_sends_failed_deliveries_again(
    staff_client, django_capture_on_commit_callbacks
):
    sent = circular("Gesendet")
    CircularDelivery.objects.create(
        circular=sent, email="nochmal@example.org", language="de", status="failed", error="550"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(ADMIN, {"action": "retry", "_selected_action": [sent.pk]})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nochmal@example.org"]]
    assert CircularDelivery.objects.get().status == "sent"


def test_the_text_is_locked_while_the_circular_is_being_sent(staff_client):
    sending = circular(sent=False)
    Circular.objects.filter(pk=sending.pk).update(status=Circular.Status.SENDING)
    page = staff_client.get(f"{ADMIN}{sending.pk}/change/").content.decode()
    assert 'name="subject_de"' not in page
    assert 'name="body_ar"' not in page
    staff_client.post(
        f"{ADMIN}{sending.pk}/change/",
        {"subject_de": "Anderer Betreff", "body_de": "Anderer Text"},
    )
    sending.refresh_from_db()
    assert (sending.subject_de, sending.body_de) == (
        "Einladung zur Mitgliederversammlung",
        "Liebe Vereine,\n\n## Tagesordnung\n\n- Bericht",
    )
    # Once sent, the archive's text can be corrected again.
    Circular.objects.filter(pk=sending.pk).update(status=Circular.Status.SENT)
    page = staff_client.get(f"{ADMIN}{sending.pk}/change/").content.decode()
    assert 'name="subject_de"' in page
