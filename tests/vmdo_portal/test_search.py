"""Search that finds: the directory search and the site search (/suche/).

Folding (umlauts, accents, ae/oe/ue) and the fields searched must work on PostgreSQL and
SQLite alike; typo tolerance (pg_trgm) is PostgreSQL's.
"""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from events.models import Event
from members import demo, services
from members.models import Association, Community, FieldOfActivity
from projects import services as project_services
from projects.models import Project
from tests.factories import AssociationFactory
from vmdo_portal.folding import fold, fold_document, words
from vmdo_portal.models import Page

pytestmark = pytest.mark.django_db

CULTURE = {
    "Afrikanischer Kulturverein Nordstadt (Beispiel)",
    "Lateinamerika-Forum (Beispiel)",
    "Simorgh e.V.",
}
SPEAKING_TURKISH = {
    "Dersim Gemeinde Bochum e.V.",
    "Frauen für Frauen Dortmund (Beispiel)",
    "Kurdisches Bildungszentrum (Beispiel)",
    "Seniorentreff Anadolu (Beispiel)",
    "Sportfreunde Vielfalt (Beispiel)",
}


@pytest.fixture
def demo_associations(db):
    demo.seed(users={})


def directory(client, query, language="de"):
    response = client.get(f"/{language}/vereine/", {"q": query})
    assert response.status_code == 200
    return [association.name for association in response.context["associations"]]


def test_folding():
    assert fold("Türkçe  STRASSE, Straße!") == "turkce strasse strasse"
    assert words("tuerkisch Türkisch  türkisch") == ["tuerkisch", "turkisch"]
    assert fold_document("Türkisch Hörde", "Łódź") == "turkisch tuerkisch horde hoerde lodz"
    assert fold("İstanbul ılık") == "istanbul ilik"


def test_culture_finds_the_three_demo_associations_name_matches_first(client, demo_associations):
    assert directory(client, "Kultur") == [
        "Afrikanischer Kulturverein Nordstadt (Beispiel)",
        "Lateinamerika-Forum (Beispiel)",
        "Simorgh e.V.",
    ]
    # In English and in the visitor's Turkish page alike.
    assert set(directory(client, "culture", "tr")) == CULTURE


def test_a_spoken_language_is_found_by_its_name_in_any_spelling(client, demo_associations):
    for query in ["türkisch", "turkisch", "tuerkisch", "Türkçe", "Turkish"]:
        assert set(directory(client, query)) == SPEAKING_TURKISH, query


def test_communities_districts_and_fields_are_searched(client, demo_associations):
    assert directory(client, "Zaza") == ["Dersim Gemeinde Bochum e.V."]
    assert directory(client, "hoerde") == ["Ukrainische Hilfe Dortmund (Beispiel)"]
    assert directory(client, "Hörde") == ["Ukrainische Hilfe Dortmund (Beispiel)"]
    assert directory(client, "fluchtlingsarbeit", "en") == [
        "Syrisches Nachbarschaftsnetz (Beispiel)",
        "Ukrainische Hilfe Dortmund (Beispiel)",
    ]
    # Every word must match: the district and the field together.
    assert directory(client, "Refugee Hörde") == ["Ukrainische Hilfe Dortmund (Beispiel)"]


def test_a_description_only_in_arabic_is_found_from_any_page(client):
    AssociationFactory(
        name="Brücke e.V.", description_de="", description_ar="دروس اللغة العربية للأطفال"
    )
    AssociationFactory(name="Andere e.V.")
    assert directory(client, "للأطفال") == ["Brücke e.V."]
    assert directory(client, "للأطفال", "ar") == ["Brücke e.V."]


def test_a_name_that_starts_with_the_query_ranks_first(client):
    AssociationFactory(name="Anadolu Kulturverein", description_de="Kultur und mehr Kultur.")
    AssociationFactory(name="Kultur-Brücke e.V.")
    AssociationFactory(name="Zeit für Kultur", description_de="Kultur")
    assert directory(client, "kultur") == [
        "Kultur-Brücke e.V.",
        "Zeit für Kultur",
        "Anadolu Kulturverein",
    ]


def test_the_search_text_follows_a_renamed_community(client):
    community = Community.objects.create(name="Roma", name_de="Roma", slug="roma")
    AssociationFactory(name="Verein A", communities=[community])
    assert directory(client, "Sinti") == []
    community.name_de = community.name = "Sinti und Roma"
    community.save()
    assert services.list_entry_saved(entry=community) == 1
    assert directory(client, "Sinti") == ["Verein A"]
    Association.objects.update(search_text="")
    out = StringIO()
    call_command("search_reindex", stdout=out)
    assert out.getvalue() == "1 associations indexed.\n"
    assert directory(client, "Sinti") == ["Verein A"]


@pytest.mark.postgres
def test_typos_are_tolerated(client, demo_associations):
    assert set(directory(client, "Kultr")) == CULTURE
    assert set(directory(client, "Kulturr")) == CULTURE
    assert directory(client, "Zaza Dersin") == ["Dersim Gemeinde Bochum e.V."]


# --- site search -------------------------------------------------------------------


def project(title, published=True, **fields):
    return project_services.project_create(
        slug=slugify(f"p-{title}"),
        title=title,
        title_de=title,
        kind=Project.Kind.NETWORK,
        start_date=date(2020, 1, 1),
        published=published,
        **fields,
    )


def event(title, days, status=Event.Status.PUBLISHED, **fields):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return Event.objects.create(
        title=title,
        title_de=title,
        slug=slugify(f"e-{title}-{days}"),
        start=start,
        end=start + timedelta(hours=2),
        status=status,
        **fields,
    )


def search(client, query, language="de"):
    response = client.get(f"/{language}/suche/", {"q": query})
    assert response.status_code == 200
    return response


def found(response):
    return {
        group.key: [getattr(item, "title", None) or item.name for item in group.items]
        for group in response.context["results"].groups
    }


def test_site_search_groups_public_things_by_kind(client):
    AssociationFactory(name="Türkischer Elternverein")
    AssociationFactory(name="Türkischer Entwurf", published=False)
    project("Türkische Beratung")
    project("Türkisch geheim", published=False)
    event("Türkischer Abend", 3)
    event("Türkisch früher", -30)
    event("Türkisch abgesagt", 1, status=Event.Status.CANCELLED)
    event("Türkisch im Entwurf", 2, status=Event.Status.DRAFT)
    closed = project_services.site_create(
        name="Türkisches Büro zu", slug="zu", project=project("Dach"), closed_since=date(2020, 1, 1)
    )
    project_services.site_create(name="Türkisches Büro", slug="auf", project=closed.project)

    response = search(client, "tuerkisch")
    assert found(response) == {
        "associations": ["Türkischer Elternverein"],
        "events": ["Türkisch abgesagt", "Türkischer Abend", "Türkisch früher"],
        "projects": ["Türkische Beratung"],
        "sites": ["Türkisches Büro"],
    }
    assert [group.count for group in response.context["results"].groups] == [1, 3, 1, 1]
    html = response.content.decode()
    assert "6 Ergebnisse für" in html
    assert '<a href="#events">Veranstaltungen (3)</a>' in html
    assert '<strong class="badge badge-cancelled">abgesagt</strong>' in html
    assert '<meta name="robots" content="noindex">' in html
    # The events page folds its search the same way (the group's "show all" link).
    listed = client.get("/de/veranstaltungen/", {"q": "tuerkisch"})
    assert [e.title for e in listed.context["events"]] == ["Türkisch abgesagt", "Türkischer Abend"]


def test_site_search_finds_staff_pages_and_marks_german_fallback(client):
    Page.objects.filter(key=Page.Key.ACCESSIBILITY).update(title_tr="")
    response = search(client, "Barrierefreiheit", "tr")
    assert found(response) == {"pages": ["Erklärung zur Barrierefreiheit"]}
    html = response.content.decode()
    # The page has no Turkish title: the German one, marked as German.
    assert (
        '<a href="/tr/barrierefreiheit/" lang="de" dir="ltr">Erklärung zur Barrierefreiheit</a>'
        in (html)
    )


def test_empty_and_fruitless_searches_help(client):
    html = client.get("/de/suche/").content.decode()
    assert "Umlaute, Akzente und kleine Tippfehler spielen keine Rolle." in html
    assert "noindex" not in html
    response = search(client, "xqzvw")
    html = response.content.decode()
    assert response["X-Page-Cache"] == "miss"
    assert search(client, "xqzvw")["X-Page-Cache"] == "hit"
    assert "0 Ergebnisse für" in html
    assert "Zu „<bdi>xqzvw</bdi>“ wurde nichts gefunden." in html
    assert 'href="/de/vereine/"' in html


def test_every_page_has_the_header_search(client):
    html = client.get("/ar/vereine/").content.decode()
    assert '<form class="site-search" method="get" action="/ar/suche/" role="search"' in html


@pytest.mark.parametrize("rows", [1, 20])
def test_site_search_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    parent = project("Dach Zirkus")
    Page.objects.filter(key=Page.Key.ABOUT).update(summary_de="Zirkus im Haus")
    for number in range(rows):
        AssociationFactory(name=f"Zirkus {number}")
        project(f"Zirkus Projekt {number}")
        event(f"Zirkus Fest {number}", number + 1)
        project_services.site_create(name=f"Zirkus Ort {number}", slug=f"o{number}", project=parent)
    with django_assert_num_queries(6):
        response = search(client, "zirkus")
    assert [group.count for group in response.context["results"].groups] == [
        rows,
        rows,
        rows + 1,
        rows,
        1,
    ]


def test_a_deleted_community_or_field_leaves_the_search_text(client):
    community = Community.objects.create(name="Sinti", name_de="Sinti", slug="sinti")
    field = FieldOfActivity.objects.create(name="Schach", name_de="Schach", slug="schach")
    AssociationFactory(name="Verein A", communities=[community], fields_of_activity=[field])
    services.list_entry_saved(entry=community)
    services.list_entry_saved(entry=field)
    assert directory(client, "Sinti") == directory(client, "Schach") == ["Verein A"]
    assert services.list_entries_delete(entries=[community]) == 1
    assert services.list_entries_delete(entries=FieldOfActivity.objects.filter(pk=field.pk)) == 1
    assert directory(client, "Sinti") == directory(client, "Schach") == []
    assert not Community.objects.filter(slug="sinti").exists()


def test_show_all_events_counts_what_the_events_page_lists(client):
    for number in range(12):
        event(f"Zirkus früher {number}", -30 - number)
    for number in range(11):
        event(f"Zirkus bald {number}", number + 1)
    events = search(client, "zirkus").context["results"].groups[0]
    assert (events.key, events.count, events.more_count) == ("events", 23, 11)
    assert events.more_url == "/de/veranstaltungen/?q=zirkus"
    Event.objects.filter(title__startswith="Zirkus bald").delete()
    events = search(client, "zirkus").context["results"].groups[0]
    assert (events.count, events.more_count) == (12, 12)
    assert events.more_url == "/de/veranstaltungen/?archiv=1&q=zirkus"
    listed = client.get(events.more_url)
    assert len(listed.context["events"]) == 12


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "%_\\",
        "ä" * 5000,
        " ".join(["Kultur"] * 300),
        "?!.,;:-",
        "\u202eabc",
    ],
)
def test_hostile_and_huge_queries_are_answered_as_text(client, query):
    AssociationFactory(name="Kulturverein Nord")
    for path in ["/de/suche/", "/ar/suche/", "/de/vereine/", "/de/veranstaltungen/"]:
        response = client.get(path, {"q": query})
        assert response.status_code == 200, path
        assert "<script>alert(1)</script>" not in response.content.decode(), path
