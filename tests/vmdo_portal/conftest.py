from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from events import services as event_services
from events.models import Event
from projects import services as project_services
from projects.models import Project
from tests.facilities.conftest import make_house, make_room
from tests.factories import AssociationFactory, UserFactory
from tests.projects.conftest import ALWAYS_OPEN


@pytest.fixture
def public_paths(db):
    """One of each public page the page cache stores, by page type."""
    association = AssociationFactory(name="Kulturbrücke", trusted=True)
    project = project_services.project_create(
        slug="lokal-willkommen",
        title="lokal willkommen",
        title_de="lokal willkommen",
        kind=Project.Kind.NETWORK,
        start_date=date(2017, 1, 1),
        published=True,
    )
    site = project_services.site_create(
        name="Büro Nord", slug="buero-nord", project=project, opening_hours=ALWAYS_OPEN
    )
    room = make_room(make_house())
    staff = UserFactory(is_staff=True, email="redaktion@example.org")
    [event] = event_services.event_create(
        by=staff,
        title="Sprachcafé",
        first_date=timezone.localdate() + timedelta(days=10),
        start_time=time(17),
        end_time=time(19),
        location_kind=Event.Location.ADDRESS,
        address="Nordmarkt, Dortmund",
    )
    event_services.event_publish(event=event, by=staff)
    return {
        "home": "/de/",
        "page": "/de/ueber-uns/",
        "directory": "/de/vereine/",
        "profile": association.get_absolute_url(),
        "projects": "/de/projekte/",
        "project": project.get_absolute_url(),
        "sites": "/de/standorte/",
        "site": site.get_absolute_url(),
        "house": "/de/haus-der-vielfalt/",
        "room": room.get_absolute_url(),
        "room feed": f"{room.get_absolute_url()}belegung.ics",
        "events": "/de/veranstaltungen/",
        "event": event.get_absolute_url(),
        "event iCal": f"{event.get_absolute_url()}kalender.ics",
        "events iCal": "/de/veranstaltungen/feed.ics",
        "events Atom": "/de/veranstaltungen/feed.atom",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
    }
