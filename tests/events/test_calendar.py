"""The calendar at scale: organiser choices, filters without duplicates, paging, the feed."""

from datetime import date, time, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Category, Event
from projects.models import Project, Site
from tests.factories import SOON, AssociationFactory, make_house, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(db):
    return Project.objects.create(
        title="Lotsenpunkt", slug="lotsenpunkt", start_date=date(2020, 1, 1), published=True
    )


@pytest.fixture
def site(project):
    return Site.objects.create(
        project=project, name="Lotsenpunkt Nord", slug="lotsenpunkt-nord",
        street="Mallinckrodtstraße 1", postal_code="44145",
    )  # fmt: skip


def move_to_the_past(event, days):
    start = timezone.now() - timedelta(days=days)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=2))


def offered(response, name):
    return [
        (str(value), label) for value, label in response.context["filter"].form[name].field.choices
    ]


# --- the list's filter form -------------------------------------------------------


def test_only_organisers_with_events_in_the_list_are_offered(client, make_event, project):
    upcoming = AssociationFactory(name="Anadolu e.V.")
    past_only = AssociationFactory(name="Bir Dünya e.V.")
    AssociationFactory(name="Chor ohne Termine e.V.")
    hidden = AssociationFactory(name="Draft e.V.", published=False)
    make_event(title="Bald", associations=[upcoming, hidden], projects=[project])
    move_to_the_past(make_event(title="Vorbei", associations=[past_only]), days=3)
    make_event(title="Entwurf", publish=False, associations=[past_only])

    listed = client.get("/de/veranstaltungen/")
    assert offered(listed, "organiser") == [("", "Alle Vereine"), ("anadolu-ev", "Anadolu e.V.")]
    assert offered(listed, "project") == [("", "Alle Projekte"), ("lotsenpunkt", "Lotsenpunkt")]
    archive = client.get("/de/veranstaltungen/", {"archiv": "1"})
    assert offered(archive, "organiser") == [
        ("", "Alle Vereine"), ("bir-duenya-ev", "Bir Dünya e.V."),
    ]  # fmt: skip
    assert offered(archive, "project") == [("", "Alle Projekte")]


def test_an_organiser_in_the_url_stays_offered_and_selected(client, make_event):
    make_event(title="Bald", associations=[AssociationFactory(name="Anadolu e.V.")])
    quiet = AssociationFactory(name="Chor ohne Termine e.V.")
    response = client.get("/de/veranstaltungen/", {"organiser": quiet.slug})
    assert offered(response, "organiser") == [
        ("", "Alle Vereine"), ("anadolu-ev", "Anadolu e.V."),
        ("chor-ohne-termine-ev", "Chor ohne Termine e.V."),
    ]  # fmt: skip
    assert response.context["filter"].errors == {}
    assert list(response.context["events"]) == []
    html = response.content.decode()
    assert '<option value="chor-ohne-termine-ev" selected>' in html
    assert 'href="/de/veranstaltungen/feed.ics?organiser=chor-ohne-termine-ev"' in html
    feed = client.get("/de/veranstaltungen/feed.ics", {"organiser": quiet.slug})
    assert (feed.status_code, icalendar.Calendar.from_ical(feed.content).walk("VEVENT")) == (
        200,
        [],
    )


def test_an_unpublished_organiser_in_the_url_is_refused_and_ignored(client, make_event):
    hidden = AssociationFactory(name="Draft e.V.", published=False)
    make_event(title="Bald", associations=[hidden])
    response = client.get("/de/veranstaltungen/", {"organiser": hidden.slug})
    assert list(response.context["filter"].errors) == ["organiser"]
    assert [e.title for e in response.context["events"]] == ["Bald"]


def test_filters_on_several_related_rows_give_each_event_once(
    client, make_event, association, project
):
    culture, other = Category.objects.all()[:2]
    second = AssociationFactory(name="Zweiter Verein")
    make_event(title="Viele Bezüge", languages=["ar", "de", "tr"], categories=[culture, other],
               associations=[association, second], projects=[project])  # fmt: skip
    make_event(title="Nur Polnisch", languages=["pl"], categories=[culture])
    query = {"language": "ar", "category": culture.slug, "organiser": association.slug,
             "project": project.slug}  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/de/veranstaltungen/", query)
    assert [e.title for e in response.context["events"]] == ["Viele Bezüge"]
    assert response.context["page"].paginator.count == 1
    assert [q["sql"] for q in queries if "DISTINCT" in q["sql"]] == []
    month = client.get("/de/veranstaltungen/", {**query, "ansicht": "monat",
                                                "monat": SOON.strftime("%Y-%m")})  # fmt: skip
    days = [day["events"] for week in month.context["weeks"] for day in week if day["events"]]
    assert [[e.title for e in events] for events in days] == [["Viele Bezüge"]]


def test_pages_of_events_at_the_same_time_neither_repeat_nor_skip(client, make_event):
    for number in range(23):
        make_event(title=f"Gleichzeitig {number:02}")
    first = [e.pk for e in client.get("/de/veranstaltungen/").context["events"]]
    second = [e.pk for e in client.get("/de/veranstaltungen/", {"seite": "2"}).context["events"]]
    assert (len(first), len(second)) == (20, 3)
    assert sorted(first + second) == sorted(Event.objects.values_list("pk", flat=True))
    assert first + second == sorted(first + second)


# --- the iCal feed -----------------------------------------------------------------


def feed_titles(client, **query):
    calendar = icalendar.Calendar.from_ical(
        client.get("/de/veranstaltungen/feed.ics", query).content
    )
    return sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))


def test_feed_runs_from_a_month_back_to_half_a_year_ahead(client, make_event):
    today = timezone.localdate()
    make_event(title="In fast sechs Monaten", first_date=today + timedelta(days=182))
    make_event(title="In gut sechs Monaten", first_date=today + timedelta(days=184))
    make_event(title="Ganztags kurz vorher", first_date=today + timedelta(days=182),
               all_day=True, start_time=None, end_time=None)  # fmt: skip
    move_to_the_past(make_event(title="Vor 29 Tagen"), days=29)
    move_to_the_past(make_event(title="Vor 31 Tagen"), days=31)
    assert feed_titles(client) == ["Ganztags kurz vorher", "In fast sechs Monaten", "Vor 29 Tagen"]
    later = client.get(
        "/de/veranstaltungen/", {"date_from": (today + timedelta(days=184)).isoformat()}
    )
    assert [e.title for e in later.context["events"]] == ["In gut sechs Monaten"]


@pytest.mark.parametrize("path", ["/de/veranstaltungen/", "/de/veranstaltungen/feed.ics"])
def test_a_date_in_year_one_lists_everything_instead_of_failing(client, make_event, path):
    make_event(title="Bald")
    response = client.get(path, {"date_from": "0001-01-01"})
    assert response.status_code == 200
    assert "Bald" in response.content.decode()


def test_from_a_date_leaves_out_the_all_day_events_of_the_day_before(client, make_event):
    day = SOON + timedelta(days=3)
    make_event(title="Ganztags am Vortag", first_date=day - timedelta(days=1),
               all_day=True, start_time=None, end_time=None)  # fmt: skip
    make_event(title="Ganztags am Tag", first_date=day,
               all_day=True, start_time=None, end_time=None)  # fmt: skip
    make_event(title="Bis Mitternacht", first_date=day - timedelta(days=1),
               start_time=time(22), end_time=time(23, 59))  # fmt: skip
    response = client.get("/de/veranstaltungen/", {"date_from": day.isoformat()})
    assert [e.title for e in response.context["events"]] == ["Ganztags am Tag"]
    response = client.get(
        "/de/veranstaltungen/", {"date_from": (day - timedelta(days=1)).isoformat()}
    )
    assert [e.title for e in response.context["events"]] == [
        "Ganztags am Vortag", "Bis Mitternacht", "Ganztags am Tag",
    ]  # fmt: skip


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("language", ["de", "ar"])
def test_feed_query_count_does_not_grow(
    client, make_event, association, site, django_assert_num_queries, rows, language
):
    """Also in Arabic, where titles, summaries and room names fall back to German."""
    room = make_room(make_house())
    places = [
        {},
        {"location_kind": Event.Location.SITE, "site": site, "address": ""},
        {"location_kind": Event.Location.ROOM, "room": room, "address": ""},
    ]
    weekday = SOON + timedelta(days=-SOON.weekday() % 7)  # the house is open on Mondays
    for number in range(rows):
        place = places[number % 3]
        if place.get("room"):  # a published event holds its room: one hour each
            hour = 8 + number // 3
            place = {**place, "first_date": weekday, "start_time": time(hour),
                     "end_time": time(hour + 1)}  # fmt: skip
        make_event(title=f"Termin {number}", languages=["de"], associations=[association],
                   **place)  # fmt: skip
    with django_assert_num_queries(1):
        response = client.get(f"/{language}/veranstaltungen/feed.ics", {"language": "de"})
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == rows
    assert {str(e["SUMMARY"]) for e in events} == {f"Termin {n}" for n in range(rows)}
    locations = {str(e.get("LOCATION")) for e in events}
    assert locations == (
        {"Nordmarkt, Dortmund"}
        if rows == 1
        else {
            "Nordmarkt, Dortmund",
            "Lotsenpunkt Nord, Mallinckrodtstraße 1, 44145 Dortmund",
            "Saal, Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund",
        }
    )


def test_single_event_ics_matches_the_feed_entry(client, make_event, site):
    event = make_event(title="Treffen am Standort", location_kind="site", site=site, address="")
    single = icalendar.Calendar.from_ical(
        client.get(f"{event.get_absolute_url()}kalender.ics").content
    )
    [entry] = single.walk("VEVENT")
    assert (str(entry["UID"]), str(entry["URL"]), str(entry["LOCATION"])) == (
        f"event-{event.pk}@127.0.0.1",
        f"http://127.0.0.1:8000/de/veranstaltungen/{event.slug}/",
        "Lotsenpunkt Nord, Mallinckrodtstraße 1, 44145 Dortmund",
    )
    [in_feed] = icalendar.Calendar.from_ical(
        client.get("/de/veranstaltungen/feed.ics").content
    ).walk("VEVENT")
    for component in (entry, in_feed):
        del component["DTSTAMP"]
    assert in_feed.to_ical() == entry.to_ical()


@pytest.mark.postgres
def test_a_page_of_the_list_is_read_off_the_public_start_index(client, make_event):
    """At 20,000 events the page is not found by sorting every upcoming event."""
    template = make_event(title="Vorlage")
    fields = {
        name: value
        for name, value in vars(template).items()
        if not name.startswith("_") and name not in {"id", "slug", "start", "end"}
    }
    Event.objects.bulk_create(
        Event(**{**fields, "slug": f"termin-{n}", "start": template.start + timedelta(hours=n),
                 "end": template.end + timedelta(hours=n)})
        for n in range(1, 20_000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_event")
    now = timezone.now()
    query = Event.objects.public().upcoming(now).order_by("start", "pk").values("pk")[:20]
    plan = query.explain(analyze=True)
    assert "Index Scan using event_public_start" in plan, plan  # also "Index Only Scan"
    assert "Sort" not in plan, plan  # read in order, not sorted afterwards
    response = client.get("/de/veranstaltungen/")
    assert "20000 Veranstaltungen" in response.content.decode()
    assert [event.title for event in response.context["events"]][:2] == ["Vorlage", "Vorlage"]
