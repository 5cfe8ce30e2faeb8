"""Biete / Suche: every form with empty, wrong, huge, hostile and foreign input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import OfferAnswer, OfferPost, OfferReport
from network.offers import services
from tests.factories import AssociationFactory, member_of
from tests.network.offers_helpers import LIST, NEW, make_post, post_data

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
REQUIRED = "Dieses Feld ist zwingend erforderlich."


def _choice(value) -> str:
    return f"Bitte eine gültige Auswahl treffen. {value} ist keine gültige Auswahl."


def _too_long(limit, length) -> str:
    return (
        f"Bitte sicherstellen, dass der Wert aus höchstens {limit} Zeichen besteht. "
        f"(Er besteht aus {length} Zeichen.)"
    )


def _errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


@pytest.fixture
def member(client):
    association = AssociationFactory()
    user = member_of(association)
    client.force_login(user)
    return client, association


def _latest(days=183):
    from vmdo_portal.l10n import format_date

    return format_date(timezone.localdate() + timedelta(days=days))


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        pytest.param(
            dict.fromkeys(
                ("association", "kind", "category", "title", "text", "district", "valid_until"),
                "",
            ),
            {
                field: [REQUIRED]
                for field in ("association", "kind", "category", "title", "text", "valid_until")
            },
            id="empty",
        ),
        pytest.param(
            {"kind": "gift", "category": "weapons", "district": "paris", "languages": ["xx"]},
            {
                "kind": [_choice("gift")],
                "category": [_choice("weapons")],
                "district": [_choice("paris")],
                "languages": [_choice("xx")],
            },
            id="wrong-choices",
        ),
        pytest.param(
            {"valid_until": "morgen"},
            {"valid_until": ["Bitte ein gültiges Datum eingeben."]},
            id="wrong-date",
        ),
        pytest.param(
            {"valid_until": (timezone.localdate() - timedelta(days=1)).isoformat()},
            {"valid_until": ["Bitte wählen Sie heute oder einen späteren Tag."]},
            id="past-valid-until",
        ),
        pytest.param(
            {"valid_until": (timezone.localdate() + timedelta(days=184)).isoformat()},
            {
                "valid_until": [
                    "Ein Beitrag kann höchstens sechs Monate in der Liste stehen, "
                    f"bis zum {_latest()}."
                ]
            },
            id="too-far-ahead",
        ),
        pytest.param(
            {"category": "interpreters", "languages": []},
            {"languages": ["Bitte wählen Sie die Sprache(n), für die gedolmetscht werden soll."]},
            id="interpreters-without-language",
        ),
        pytest.param(
            {"title": "x" * 10_000, "text": "y" * 100_000},
            {
                "title": [_too_long(120, 10000)],
                "text": [_too_long(4000, 100000)],
            },
            id="huge",
        ),
        pytest.param(
            {"title": "Zeile\neins\tzwei"},
            {
                "title": [
                    "Bitte verwenden Sie nur Buchstaben, Ziffern und Satzzeichen "
                    "(keine Zeilenumbrüche oder Tabulatoren)."
                ]
            },
            id="control-characters",
        ),
    ],
)
def test_bad_new_posts_are_refused_with_a_message(member, changes, errors):
    client, association = member
    response = client.post(NEW, post_data(association) | changes)
    assert response.status_code == 400
    assert _errors(response) == errors
    assert OfferPost.objects.count() == 0


def test_a_foreign_association_in_the_form_is_refused(member):
    client, _association = member
    foreign = AssociationFactory()
    response = client.post(NEW, post_data(foreign))
    assert response.status_code == 400
    assert _errors(response) == {
        "association": ["Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl."]
    }
    assert OfferPost.objects.count() == 0


def test_the_service_refuses_a_foreign_association_too():
    from vmdo_portal.services import Refused

    user = member_of(AssociationFactory())
    foreign = AssociationFactory()
    data = post_data() | {"valid_until": timezone.localdate()}
    with pytest.raises(Refused, match="eigenen Mitgliedsvereine"):
        services.offer_post_create(by=user, association=foreign, **data)
    assert OfferPost.objects.count() == 0


def test_hostile_text_is_kept_as_text_and_never_runs(member):
    client, association = member
    response = client.post(
        NEW, post_data(association, title=HOSTILE, text=f"{HOSTILE}\n\n[x](javascript:alert(1))")
    )
    post = OfferPost.objects.get()
    assert post.title == HOSTILE
    page = client.get(response["Location"]).content.decode()
    assert "<script>" not in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_markdown_is_rendered(member):
    client, association = member
    post = make_post(association, text="**fett** und\n\n- eins\n- zwei")
    page = client.get(f"{LIST}{post.pk}/").content.decode()
    assert "<p><strong>fett</strong> und</p>" in page
    assert "<li>eins</li>" in page


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        pytest.param(
            {"title": "", "text": ""}, {"title": [REQUIRED], "text": [REQUIRED]}, id="empty"
        ),
        pytest.param(
            {"valid_until": "2020-01-01"},
            {"valid_until": ["Bitte wählen Sie heute oder einen späteren Tag."]},
            id="past",
        ),
        pytest.param(
            {"languages": []},
            {"languages": ["Bitte wählen Sie die Sprache(n), für die gedolmetscht werden soll."]},
            id="interpreters-without-language",
        ),
        pytest.param(
            {"text": "y" * 4001},
            {"text": [_too_long(4000, 4001)]},
            id="huge",
        ),
    ],
)
def test_bad_edits_change_nothing(member, changes, errors):
    client, association = member
    post = make_post(association)
    response = client.post(f"{LIST}{post.pk}/bearbeiten/", post_data() | changes)
    assert response.status_code == 400
    assert _errors(response) == errors
    post.refresh_from_db()
    assert (post.title, post.category) == ("Beamer zu verleihen", "equipment")


def test_an_edit_cannot_move_a_post_to_another_association(member):
    client, association = member
    post = make_post(association)
    foreign = AssociationFactory()
    client.post(f"{LIST}{post.pk}/bearbeiten/", post_data(foreign))
    post.refresh_from_db()
    assert post.association == association


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        pytest.param({"message": ""}, {"message": [REQUIRED]}, id="empty"),
        pytest.param({"message": "   "}, {"message": [REQUIRED]}, id="blank"),
        pytest.param(
            {"message": "z" * 50_000},
            {"message": [_too_long(4000, 50000)]},
            id="huge",
        ),
    ],
)
def test_bad_answers_send_nothing(member, mailoutbox, data, errors):
    client, _association = member
    post = make_post(AssociationFactory())
    response = client.post(f"{LIST}{post.pk}/", data)
    assert response.status_code == 400
    assert _errors(response) == errors
    assert (OfferAnswer.objects.count(), mailoutbox) == (0, [])


def test_a_hostile_answer_arrives_as_plain_text(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    client, _association = member
    post = make_post(AssociationFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LIST}{post.pk}/", {"message": HOSTILE, "share_email": "yes"})
    (mail,) = mailoutbox
    assert HOSTILE in mail.body
    assert (mail.content_subtype, mail.attachments) == ("plain", [])  # no HTML that could run


@pytest.mark.parametrize("what", ["missing", "hidden"])
@pytest.mark.parametrize("path", ["", "melden/"])
def test_answers_and_reports_to_posts_one_cannot_see_are_404(member, what, path):
    client, _association = member
    post = make_post(AssociationFactory())
    if what == "hidden":
        services.offer_post_hide(post=post, by=None, reason="Spam")
        pk = post.pk
    else:
        pk = post.pk + 1000
    data = {"message": "Hallo", "reason": "Spam"}
    assert client.post(f"{LIST}{pk}/{path}", data).status_code == 404
    assert (OfferAnswer.objects.count(), OfferReport.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("reason", "errors"),
    [
        pytest.param("", {"reason": [REQUIRED]}, id="empty"),
        pytest.param(
            "r" * 2001,
            {"reason": [_too_long(2000, 2001)]},
            id="huge",
        ),
    ],
)
def test_bad_reports_are_refused(member, reason, errors):
    client, _association = member
    post = make_post(AssociationFactory())
    response = client.post(f"{LIST}{post.pk}/melden/", {"reason": reason})
    assert response.status_code == 400
    assert _errors(response) == errors
    assert OfferReport.objects.count() == 0


def test_a_hostile_report_is_stored_as_text(member):
    client, _association = member
    post = make_post(AssociationFactory())
    client.post(f"{LIST}{post.pk}/melden/", {"reason": HOSTILE})
    assert OfferReport.objects.get().reason == HOSTILE


def test_the_report_limit_per_day(member):
    from network.offers.views import REPORTS_PER_DAY

    client, _association = member
    post = make_post(AssociationFactory())
    for _n in range(REPORTS_PER_DAY):
        client.post(f"{LIST}{post.pk}/melden/", {"reason": "Spam"})
    response = client.post(f"{LIST}{post.pk}/melden/", {"reason": "Spam"})
    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "Sie haben das heutige Limit von 10 erreicht. Bitte versuchen Sie es morgen wieder."
    ]
    assert OfferReport.objects.count() == REPORTS_PER_DAY
