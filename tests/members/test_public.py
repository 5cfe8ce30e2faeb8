"""The public side of the members app: directory, profile, membership application."""

import json
import re

import pytest
from django.core import mail

from members.models import Association, Community, FieldOfActivity, MembershipApplication
from members.selectors import profile_values
from members.services import association_profile_update
from tests.factories import AssociationFactory, make_house

pytestmark = pytest.mark.django_db


def names(response):
    return [a.name for a in response.context["associations"]]


# --- directory ---------------------------------------------------------------------


def test_directory_shows_only_published_members(client):
    AssociationFactory(name="Sichtbar e.V.")
    AssociationFactory(name="Entwurf e.V.", published=False)
    AssociationFactory(name="Ehemalig e.V.", status=Association.Status.FORMER)
    AssociationFactory(name="Antrag e.V.", status=Association.Status.APPLICANT)
    response = client.get("/de/vereine/")
    assert response.status_code == 200
    assert names(response) == ["Sichtbar e.V."]
    assert "1 Verein gefunden" in response.content.decode()


@pytest.mark.postgres
def test_search_uses_german_stemming_and_ranks_name_matches_first(client):
    AssociationFactory(
        name="Nachbarschaftshilfe e.V.", description_de="Wir tanzen und feiern Feste."
    )
    AssociationFactory(name="Tanzgruppe Anatolien", description_de="Volkstanz für Kinder.")
    AssociationFactory(name="Schachfreunde", description_de="Schach und Gespräche.")
    response = client.get("/de/vereine/", {"q": "Tanzgruppen"})
    assert names(response) == ["Tanzgruppe Anatolien"]
    response = client.get("/de/vereine/", {"q": "feiern"})
    assert names(response) == ["Nachbarschaftshilfe e.V."]


@pytest.mark.postgres
def test_search_in_the_visitors_language(client):
    AssociationFactory(
        name="Brücke e.V.",
        description_de="Hausaufgabenhilfe",
        description_ar="مساعدة في الواجبات المدرسية للأطفال",
    )
    AssociationFactory(name="Andere e.V.", description_de="Kochen")
    response = client.get("/ar/vereine/", {"q": "الواجبات"})
    assert names(response) == ["Brücke e.V."]


@pytest.mark.postgres
def test_search_finds_an_edited_description_at_once_with_english_stemming(client):
    """The search text and vector are stored, so they must follow every edit."""
    association = AssociationFactory(name="Brücke e.V.", description_en="Chess on Mondays")
    AssociationFactory(name="Andere e.V.", description_en="Cooking")
    assert names(client.get("/en/vereine/", {"q": "teaching"})) == []
    data = profile_values(association)
    data["description_en"] = "We teach German to newcomers."
    association_profile_update(
        association=association,
        by=None,
        data=data,
        expected_version=association.version,
        may_publish=True,
    )
    assert names(client.get("/en/vereine/", {"q": "teaching"})) == ["Brücke e.V."]
    assert names(client.get("/en/vereine/", {"q": "chess"})) == []


def test_search_by_part_of_the_name(client):
    AssociationFactory(name="Kulturbrücke Dortmund", short_name="KBD")
    AssociationFactory(name="Sportverein")
    assert names(client.get("/de/vereine/", {"q": "brücke"})) == ["Kulturbrücke Dortmund"]
    assert names(client.get("/de/vereine/", {"q": "KBD"})) == ["Kulturbrücke Dortmund"]


def test_filters_combine_and_live_in_the_url(client):
    sport = FieldOfActivity.objects.get(slug="sport")
    kurdish = Community.objects.create(name="Kurdisch", name_de="Kurdisch", slug="kurdisch")
    AssociationFactory(
        name="Treffer",
        district="eving",
        languages=["ku", "de"],
        fields_of_activity=[sport],
        communities=[kurdish],
        founding_member=True,
    )
    AssociationFactory(
        name="Falscher Bezirk", district="mengede", languages=["ku"], fields_of_activity=[sport]
    )
    AssociationFactory(
        name="Falsche Sprache", district="eving", languages=["ar"], fields_of_activity=[sport]
    )
    AssociationFactory(
        name="Kein Gründer", district="eving", languages=["ku"], fields_of_activity=[sport]
    )
    query = {"field": "sport", "language": "ku", "district": "eving"}
    assert names(client.get("/de/vereine/", query)) == ["Kein Gründer", "Treffer"]
    assert names(client.get("/de/vereine/", {**query, "founding_member": "on"})) == ["Treffer"]
    assert names(client.get("/de/vereine/", {"community": "kurdisch"})) == ["Treffer"]


def test_pagination_keeps_the_filters(client):
    for number in range(23):
        AssociationFactory(name=f"Verein {number:02}", district="eving")
    first = client.get("/de/vereine/", {"district": "eving"})
    assert len(names(first)) == 20
    html = first.content.decode()
    assert 'href="?district=eving&amp;seite=2" rel="next"' in html
    second = client.get("/de/vereine/", {"district": "eving", "seite": "2"})
    assert names(second) == ["Verein 20", "Verein 21", "Verein 22"]
    assert "23 Vereine gefunden" in second.content.decode()


def test_sorting(client):
    AssociationFactory(name="B-Verein", founded_year=1990)
    AssociationFactory(name="A-Verein", founded_year=2020)
    AssociationFactory(name="C-Verein", founded_year=None)
    assert names(client.get("/de/vereine/")) == ["A-Verein", "B-Verein", "C-Verein"]
    assert names(client.get("/de/vereine/", {"sort": "newest"})) == [
        "A-Verein",
        "B-Verein",
        "C-Verein",
    ]
    assert names(client.get("/de/vereine/", {"sort": "oldest"})) == [
        "B-Verein",
        "A-Verein",
        "C-Verein",
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"language": "xx"},
        {"district": "<script>alert(1)</script>"},
        {"field": "gibt-es-nicht"},
        {"sort": "; DROP TABLE members_association"},
        {"seite": "999"},
        {"seite": "-1"},
        {"q": "x" * 5000},
        {"q": "' OR 1=1 --"},
        {"q": "<img src=x onerror=alert(1)>"},
    ],
)
def test_bad_directory_input_answers_200_and_stays_text(client, query):
    AssociationFactory(name="Bleibt e.V.")
    response = client.get("/de/vereine/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert Association.objects.count() == 1


def test_invalid_filter_value_gets_a_translated_error(client):
    response = client.get("/de/vereine/", {"language": "xx"})
    assert "Bitte eine gültige Auswahl treffen. xx ist keine gültige Auswahl." in (
        response.content.decode()
    )


@pytest.mark.parametrize("rows", [1, 20])
def test_directory_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    fields = list(FieldOfActivity.objects.all()[:2])
    for number in range(rows):
        AssociationFactory(
            name=f"Verein {number}", languages=["ar", "de"], fields_of_activity=fields
        )
    with django_assert_num_queries(7):
        response = client.get("/de/vereine/", {"language": "ar"})
    assert len(response.context["associations"]) == rows


# --- profile -----------------------------------------------------------------------


def test_profile_shows_public_data_and_hides_what_is_not_consented(client):
    association = AssociationFactory(
        name="Offener Verein",
        email="hallo@offen.example.org",
        phone="+49 231 123456",
        street="Zur Vielfalt 21",
        postal_code="44147",
        register_number="VR 4711",
        show_email=True,
        show_phone=False,
        show_address=True,
        contact_person="Frau Beispiel",
        show_contact_person=False,
        languages=["tr", "de"],
    )
    html = client.get(association.get_absolute_url()).content.decode()
    assert '<a href="mailto:hallo@offen.example.org" dir="ltr">hallo@offen.example.org</a>' in html
    assert "+49 231 123456" not in html
    assert "VR 4711" not in html
    assert "Frau Beispiel" not in html
    assert (
        'href="https://www.openstreetmap.org/search?query=Zur+Vielfalt+21%2C+44147+Dortmund"'
        in html
    )
    assert "Deutsch, Türkisch" in html or "Türkisch, Deutsch" in html


@pytest.mark.parametrize(
    ("published", "status"),
    [(False, "member"), (True, "former"), (True, "applicant")],
)
def test_hidden_profiles_answer_404(client, published, status):
    association = AssociationFactory(published=published, status=status)
    assert client.get(f"/de/vereine/{association.slug}/").status_code == 404


def test_profile_json_ld_and_open_graph_escape_hostile_text(client):
    association = AssociationFactory(
        name='Böse</script><script>alert("x")</script>',
        description_de="<b>fett</b> & mehr",
        website="https://verein.example.org",
    )
    html = client.get(association.get_absolute_url()).content.decode()
    assert '</script><script>alert("x")' not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Organization"
    assert data["name"] == 'Böse</script><script>alert("x")</script>'
    assert data["description"] == "<b>fett</b> & mehr"
    assert data["sameAs"] == ["https://verein.example.org"]
    assert "telephone" not in data
    escaped = "Böse&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert f'<meta property="og:title" content="{escaped}">' in html
    assert "&lt;b&gt;fett&lt;/b&gt; &amp; mehr" in html


def test_profile_falls_back_to_german_description(client):
    association = AssociationFactory(description_de="Nur auf Deutsch.")
    html = client.get(f"/uk/vereine/{association.slug}/").content.decode()
    assert '<div class="prose" lang="de" dir="ltr"><p>Nur auf Deutsch.</p></div>' in html


# --- membership application --------------------------------------------------------

APPLICATION = {
    "organisation_name": "Eritreische Gemeinde",
    "legal_form": "ev",
    "founded_year": "2010",
    "district": "innenstadt-nord",
    "address": "Münsterstraße 1, 44145 Dortmund",
    "website": "",
    "member_count": "40",
    "description": "Wir treffen uns jeden Sonntag.",
    "contact_name": "Selam Beispiel",
    "email": "selam@example.org",
    "phone": "0231 123456",
    "consent": "on",
}


def test_application_is_stored_and_both_sides_get_an_email(
    client, django_capture_on_commit_callbacks
):
    make_house()  # the house that signs the confirmation (Haus der Vielfalt)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/mitglied-werden/", APPLICATION)
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/mitglied-werden/danke/"
    application = MembershipApplication.objects.get()
    assert application.organisation_name == "Eritreische Gemeinde"
    assert application.language == "en"
    assert [m.to for m in mail.outbox] == [["info@vmdo.de"], ["selam@example.org"]]
    assert mail.outbox[0].subject == "[VMDO] Neuer Mitgliedsantrag: Eritreische Gemeinde"
    assert mail.outbox[1].subject == "[VMDO] We have received your membership application"
    # The applicant's address is not confirmed: nothing the visitor typed goes back to it.
    assert mail.outbox[1].body == (
        "Hello,\n\n"
        "thank you for your membership application to VMDO. The office will contact you soon.\n\n"
        "If you did not apply, you can ignore this email: nothing else will be sent to you.\n\n"
        "VMDO e.V. – Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund\n\n"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"organisation_name": ""}, "organisation_name"),
        ({"email": "keine-adresse"}, "email"),
        ({"founded_year": "1066"}, "founded_year"),
        ({"description": "x" * 5001}, "description"),
        ({"organisation_name": "x" * 201}, "organisation_name"),
        ({"phone": "<script>"}, "phone"),
        ({"district": "atlantis"}, "district"),
        ({"website": "javascript:alert(1)"}, "website"),
    ],
)
def test_bad_applications_are_refused_and_store_nothing(client, change, field):
    response = client.post("/de/mitglied-werden/", {**APPLICATION, **change})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert MembershipApplication.objects.count() == 0
    assert mail.outbox == []


def test_hostile_text_in_an_application_stays_text(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/de/mitglied-werden/", {**APPLICATION, "organisation_name": "<b>Fett</b>"})
    assert MembershipApplication.objects.get().organisation_name == "<b>Fett</b>"
    assert "<b>Fett</b>" in mail.outbox[0].body  # plain text email: no markup rendered


def test_honeypot_pretends_success_but_stores_nothing(client):
    response = client.post("/de/mitglied-werden/", {**APPLICATION, "nickname": "bot"})
    assert response.status_code == 302
    assert MembershipApplication.objects.count() == 0
    assert mail.outbox == []


def test_applications_are_rate_limited_per_connection(client):
    for number in range(5):
        client.post(
            "/de/mitglied-werden/", {**APPLICATION, "organisation_name": f"Verein {number}"}
        )
    response = client.post("/de/mitglied-werden/", APPLICATION)
    assert response.status_code == 429
    assert "Zu viele Anträge" in response.content.decode()
    assert MembershipApplication.objects.count() == 5


def test_applications_are_limited_in_all_whatever_the_connection(client):
    for number in range(30):
        client.post(
            "/de/mitglied-werden/",
            {**APPLICATION, "organisation_name": f"Verein {number}"},
            REMOTE_ADDR=f"192.0.2.{number + 1}",
        )
    response = client.post("/de/mitglied-werden/", APPLICATION, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert MembershipApplication.objects.count() == 30


def test_failed_application_forms_do_not_count_against_the_limit(client):
    for _attempt in range(5):
        response = client.post("/de/mitglied-werden/", {**APPLICATION, "email": "kein-at"})
        assert response.status_code == 200
    response = client.post("/de/mitglied-werden/", APPLICATION)
    assert response.status_code == 302
    assert MembershipApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("trusted", "limited"), [(0, True), (1, False)], ids=["spoofed", "behind-proxy"]
)
def test_application_limit_per_forwarded_client(client, settings, trusted, limited):
    settings.TRUSTED_PROXY_COUNT = trusted
    for number in range(5):
        client.post(
            "/de/mitglied-werden/",
            {**APPLICATION, "organisation_name": f"Verein {number}"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    response = client.post(
        "/de/mitglied-werden/",
        APPLICATION,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )
    assert response.status_code == (429 if limited else 302)
    assert MembershipApplication.objects.count() == (5 if limited else 6)


def test_sitemap_lists_public_profiles_only(client):
    public = AssociationFactory(name="Öffentlich e.V.")
    hidden = AssociationFactory(name="Versteckt e.V.", published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://127.0.0.1:8000/ar/vereine/{public.slug}/</loc>" in xml
    assert hidden.slug not in xml
