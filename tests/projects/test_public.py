"""Projects and sites on the public side: status, archive, lists, details, contacts."""

import json
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from members.models import Association
from projects import services
from projects.models import ContactPerson, Project, Service, Site, SiteException
from tests.factories import NEVER_OPEN, AssociationFactory

pytestmark = pytest.mark.django_db


def make_project(title, start, end=None, **fields):
    fields.setdefault("published", True)
    return services.project_create(
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        title=title,
        title_de=title,
        start_date=start,
        end_date=end,
        **fields,
    )


# --- status ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2022, 12, 31), "planned"),  # the day before the first day
        (date(2023, 1, 1), "active"),  # the first day
        (date(2025, 12, 31), "active"),  # the last day
        (date(2026, 1, 1), "completed"),  # the day after the last day
    ],
)
def test_status_is_derived_from_the_dates_at_the_boundaries(today, status):
    project = make_project("GLEICH teilhaben", date(2023, 1, 1), date(2025, 12, 31))
    assert project.status_on(today) == status
    assert list(Project.objects.active(today)) == ([project] if status == "active" else [])
    assert list(Project.objects.completed(today)) == ([project] if status == "completed" else [])
    assert list(Project.objects.planned(today)) == ([project] if status == "planned" else [])


def test_a_project_without_an_end_date_stays_active():
    project = make_project("lokal willkommen", date(2017, 1, 1))
    assert project.status_on(date(2099, 12, 31)) == "active"


def test_a_project_cannot_end_before_it_starts():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_project("Rückwärts", date(2024, 1, 2), date(2024, 1, 1))
    assert Project.objects.count() == 0


# --- project list ------------------------------------------------------------------


def test_current_projects_first_completed_ones_in_the_archive(client):
    today = timezone.localdate()
    make_project("Aktuell", today - timedelta(days=10), order=2)
    make_project("Dauerhaft", date(2017, 1, 1), order=1)
    make_project("Übergangseinrichtung", date(2015, 1, 1), date(2024, 12, 31))
    make_project("samo.fa", date(2016, 1, 1), date(2022, 12, 31))
    make_project("Unveröffentlicht", date(2016, 1, 1), published=False)
    response = client.get("/de/projekte/")
    assert [p.title for p in response.context["current"]] == ["Dauerhaft", "Aktuell"]
    assert [p.title for p in response.context["archive"]] == ["Übergangseinrichtung", "samo.fa"]


def test_project_filters_by_kind_and_status(client):
    make_project("Beratung", date(2016, 1, 1), kind="counselling")
    make_project("Unterkunft", date(2015, 1, 1), date(2024, 12, 31), kind="accommodation")
    response = client.get("/de/projekte/", {"status": "completed"})
    assert (response.context["current"], [p.title for p in response.context["archive"]]) == (
        [],
        ["Unterkunft"],
    )
    response = client.get("/de/projekte/", {"kind": "counselling"})
    assert [p.title for p in response.context["current"]] == ["Beratung"]
    response = client.get("/de/projekte/", {"kind": "<script>", "status": "x' OR 1=1"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_project_list_query_count_does_not_grow(client, django_assert_num_queries, rows):
    for number in range(rows):
        make_project(
            f"Projekt {number}", date(2016, 1, 1), date(2020, 1, 1) if number % 2 else None
        )
    with django_assert_num_queries(3):
        response = client.get("/de/projekte/")
    assert len(response.context["current"]) + len(response.context["archive"]) == rows


def test_project_list_pages_through_current_then_archive_keeping_the_filters(client):
    today = timezone.localdate()
    for number in range(15):
        make_project(f"Aktuell {number:02}", date(2016, 1, 1), kind="counselling")
    for number in range(10):
        make_project(
            f"Archiv {number}",
            date(2010, 1, 1),
            today - timedelta(days=10 + number),
            kind="counselling",
        )
    make_project("Andere Art", date(2016, 1, 1), kind="federal")
    first = client.get("/de/projekte/", {"kind": "counselling"})
    assert [p.title for p in first.context["current"]] == [f"Aktuell {n:02}" for n in range(15)]
    assert [p.title for p in first.context["archive"]] == [f"Archiv {n}" for n in range(5)]
    html = first.content.decode()
    assert 'href="?kind=counselling&amp;seite=2" rel="next"' in html
    second = client.get("/de/projekte/", {"kind": "counselling", "seite": "2"})
    assert (second.context["current"], [p.title for p in second.context["archive"]]) == (
        [],
        [f"Archiv {n}" for n in range(5, 10)],
    )
    assert second.context["page"].paginator.count == 25
    html = second.content.decode()
    assert "Aktuelle Projekte" not in html
    assert "Archiv: abgeschlossene Projekte" in html
    completed = client.get("/de/projekte/", {"status": "completed", "seite": "2"})
    assert completed.context["page"].number == 1  # one page only: "seite=2" shows the last
    assert (completed.context["current"], len(completed.context["archive"])) == ([], 10)


# --- project page ------------------------------------------------------------------


def test_project_page_shows_partners_sites_public_contacts_and_json_ld(client, make_site, project):
    partner = AssociationFactory(name="Partnerverein")
    hidden_partner = AssociationFactory(name="Unsichtbar", published=False)
    project.partners.set([partner, hidden_partner])
    make_site(name="lokal willkommen Innenstadt-Nord", run_by_vmdo=True)
    make_site(name="lokal willkommen Eving", run_by_vmdo=False, operator="Anderer Träger")
    make_site(name="Geschlossen", closed_since=date(2020, 1, 1))
    ContactPerson.objects.create(
        project=project, name="Frau Öffentlich", email="oeffentlich@example.org", public=True
    )
    ContactPerson.objects.create(
        project=project, name="Herr Privat", email="privat@example.org", public=False
    )
    response = client.get(project.get_absolute_url())
    html = response.content.decode()
    assert [site.name for site in response.context["sites"]] == [
        "lokal willkommen Eving",
        "lokal willkommen Innenstadt-Nord",
    ]
    assert f'<a href="{partner.get_absolute_url()}">Partnerverein</a>' in html
    assert "Unsichtbar" not in html
    assert "Frau Öffentlich" in html
    assert "Herr Privat" not in html and "privat@example.org" not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["name"] == "lokal willkommen"
    assert json.loads(block)["@type"] == "Project"


def test_unpublished_project_answers_404(client):
    project = make_project("Entwurf", date(2020, 1, 1), published=False)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_association_profile_lists_its_projects(client, project):
    association = AssociationFactory(name="Mitmacher")
    project.partners.add(association)
    html = client.get(association.get_absolute_url()).content.decode()
    assert f'<a href="{project.get_absolute_url()}">lokal willkommen</a>' in html


def test_home_shows_current_projects(client, project):
    make_project("Abgeschlossen", date(2015, 1, 1), date(2020, 1, 1))
    html = client.get("/de/").content.decode()
    assert f'<a href="{project.get_absolute_url()}">lokal willkommen</a>' in html
    assert "Abgeschlossen" not in html


# --- sites -------------------------------------------------------------------------


def names(response):
    return [site.name for site in response.context["sites"]]


def test_site_list_filters_by_service_language_district_step_free_and_open_now(client, make_site):
    counselling = Service.objects.create(name="Beratung", name_de="Beratung", slug="beratung")
    make_site(
        name="Treffer",
        district="innenstadt-nord",
        languages=["ar", "de"],
        step_free=True,
        services=[counselling],
    )
    make_site(
        name="Zu",
        district="innenstadt-nord",
        languages=["ar"],
        step_free=True,
        services=[counselling],
        opening_hours=NEVER_OPEN,
    )
    make_site(
        name="Stufen",
        district="innenstadt-nord",
        languages=["ar"],
        step_free=False,
        services=[counselling],
    )
    make_site(
        name="Anderswo", district="eving", languages=["ar"], step_free=True, services=[counselling]
    )
    make_site(
        name="Kein Arabisch",
        district="innenstadt-nord",
        languages=["de"],
        step_free=True,
        services=[counselling],
    )
    make_site(
        name="Geschlossen seit",
        district="innenstadt-nord",
        languages=["ar"],
        closed_since=date(2020, 1, 1),
    )
    query = {
        "language": "ar",
        "district": "innenstadt-nord",
        "step_free": "on",
        "service": "beratung",
    }
    assert names(client.get("/de/standorte/", query)) == ["Treffer", "Zu"]
    assert names(client.get("/de/standorte/", {**query, "open_now": "on"})) == ["Treffer"]


def test_sites_of_unpublished_projects_are_hidden(client, make_site, project):
    make_site(name="Versteckt")
    Project.objects.filter(pk=project.pk).update(published=False)
    assert names(client.get("/de/standorte/")) == []
    assert client.get("/de/standorte/buero-0/").status_code == 404


@pytest.mark.parametrize(("query", "queries"), [({}, 7), ({"open_now": "on"}, 8)])
@pytest.mark.parametrize("rows", [1, 20])
def test_site_list_query_count_does_not_grow(
    client, make_site, django_assert_num_queries, rows, query, queries
):
    service = Service.objects.create(name="Beratung", name_de="Beratung", slug="beratung")
    for number in range(rows):
        site = make_site(languages=["ar", "de"], services=[service])
        SiteException.objects.create(
            site=site,
            start_date=timezone.localdate() + timedelta(days=number % 5),
            mode="open",
            ranges=[["00:00", "24:00"]],
        )
    with django_assert_num_queries(queries):
        response = client.get("/de/standorte/", {"language": "ar", **query})
    assert len(response.context["sites"]) == rows


def test_open_now_follows_todays_exceptions(client, make_site):
    today = timezone.localdate()
    make_site(name="Offen")
    make_site(name="Zu", opening_hours=NEVER_OPEN)
    opened = make_site(name="Heute ausnahmsweise offen", opening_hours=NEVER_OPEN)
    SiteException.objects.create(
        site=opened, start_date=today, mode="open", ranges=[["00:00", "24:00"]]
    )
    closed = make_site(name="Heute ausnahmsweise zu")
    SiteException.objects.create(site=closed, start_date=today, reason="Betriebsausflug")
    on_leave = make_site(name="Urlaub")
    SiteException.objects.create(
        site=on_leave,
        start_date=today - timedelta(days=3),
        end_date=today + timedelta(days=3),
        mode="appointment",
    )
    later = make_site(name="Später zu")
    SiteException.objects.create(site=later, start_date=today + timedelta(days=1))
    response = client.get("/de/standorte/", {"open_now": "on"})
    assert names(response) == ["Heute ausnahmsweise offen", "Offen", "Später zu"]
    assert [site.is_open for site in response.context["sites"]] == [True, True, True]
    assert response.context["page"].paginator.count == 3


def test_site_list_pages_through_every_site_and_every_open_site(client, make_site):
    for number in range(23):
        make_site(name=f"Offen {number:02}", order=number)
    for number in range(4):
        make_site(name=f"Zu {number}", order=number, opening_hours=NEVER_OPEN)
    first = client.get("/de/standorte/", {"open_now": "on"})
    second = client.get("/de/standorte/", {"open_now": "on", "seite": "2"})
    assert names(first) + names(second) == [f"Offen {number:02}" for number in range(23)]
    assert (len(names(first)), first.context["page"].paginator.count) == (20, 23)
    assert 'href="?open_now=on&amp;seite=2" rel="next"' in first.content.decode()
    every = client.get("/de/standorte/", {"seite": "2"})
    assert names(every) == [f"Offen {number}" for number in range(16, 23)]
    assert every.context["page"].paginator.count == 27
    assert [site.is_open for site in every.context["sites"]] == [True] * 7
    shown = client.get("/de/standorte/").context["sites"]
    assert [(site.name, site.is_open) for site in shown][:4] == [
        ("Offen 00", True),
        ("Zu 0", False),
        ("Offen 01", True),
        ("Zu 1", False),
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"language": "xx"},
        {"district": "<b>"},
        {"service": "gibt-es-nicht"},
        {"seite": "abc"},
        {"open_now": "<script>"},
    ],
)
def test_bad_site_filters_answer_200(client, make_site, query):
    make_site(name="Bleibt")
    response = client.get("/de/standorte/", query)
    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("<main", 1)[1]


def test_site_page_shows_the_week_in_the_visitors_locale(client, make_site):
    site = make_site(
        name="Beratung Nordstadt",
        street="Brunnenstraße 1",
        postal_code="44147",
        opening_hours={
            "mon": {"mode": "open", "ranges": [["09:00", "12:30"]]},
            "wed": {"mode": "appointment"},
        },
    )
    german = client.get(site.get_absolute_url()).context["week"]
    assert [(row["name"], row["plan"]) for row in german][:3] == [
        ("Montag", "09:00–12:30"),
        ("Dienstag", "geschlossen"),
        ("Mittwoch", "nach Vereinbarung"),
    ]
    english = client.get(f"/en/standorte/{site.slug}/").context["week"]
    assert [(row["name"], row["plan"]) for row in english][:2] == [
        ("Sunday", "closed"),
        ("Monday", "9:00\u202fAM–12:30\u202fPM"),  # CLDR: narrow no-break space before AM
    ]
    farsi = client.get(f"/fa/standorte/{site.slug}/").context["week"]
    assert farsi[0]["name"] == "شنبه"  # Saturday first
    html = client.get(site.get_absolute_url()).content.decode()
    assert (
        'href="https://www.openstreetmap.org/search?query=Brunnenstra%C3%9Fe+1%2C+44147+Dortmund"'
        in html
    )


def test_site_page_highlights_today_and_todays_exception(client, make_site):
    site = make_site(name="Heute")
    SiteException.objects.create(
        site=site, start_date=timezone.localdate(), reason="Betriebsausflug"
    )
    response = client.get(site.get_absolute_url())
    today_rows = [row for row in response.context["week"] if row["is_today"]]
    assert len(today_rows) == 1
    assert [item["is_today"] for item in response.context["exceptions"]] == [True]
    assert response.context["site"].is_open is False
    html = response.content.decode()
    assert 'aria-current="date"' in html
    assert "Betriebsausflug" in html


def test_lokal_willkommen_page_marks_the_office_vmdo_runs(client, make_site, project):
    make_site(name="lokal willkommen Innenstadt-Nord", run_by_vmdo=True)
    for number in range(6):
        make_site(
            name=f"lokal willkommen Büro {number}", run_by_vmdo=False, operator="Anderer Träger"
        )
    response = client.get(project.get_absolute_url())
    assert len(response.context["sites"]) == 7
    html = response.content.decode()
    assert html.count('class="card card-vmdo"') == 1
    assert html.count("Anderer Träger") == 6


def test_demo_data_has_the_real_projects(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    projects = {p.slug: p for p in Project.objects.all()}
    today = date(2026, 11, 26)
    assert projects["samo-fa"].status_on(today) == "completed"
    assert projects["gleich-teilhaben"].status_on(today) == "completed"
    assert projects["uebergangseinrichtung"].end_date == date(2024, 12, 31)
    assert projects["lokal-willkommen"].status_on(today) == "active"
    offices = Site.objects.filter(project=projects["lokal-willkommen"])
    assert offices.count() == 7
    assert [s.district for s in offices.filter(run_by_vmdo=True)] == ["innenstadt-nord"]
    assert Association.objects.filter(projects=projects["samo-fa"]).count() == 3
