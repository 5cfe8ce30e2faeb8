import pytest

from projects import services as project_services
from tests.factories import (
    ALWAYS_OPEN,
    AssociationFactory,
    UserFactory,
    make_event,
    make_house,
    make_project,
    make_room,
)


@pytest.fixture
def public_paths(db):
    """One of each public page the page cache stores, by page type."""
    association = AssociationFactory(name="Kulturbrücke", trusted=True)
    project = make_project()
    site = project_services.site_create(
        name="Büro Nord", slug="buero-nord", project=project, opening_hours=ALWAYS_OPEN
    )
    room = make_room(make_house())
    staff = UserFactory(is_staff=True, email="redaktion@example.org")
    event = make_event(by=staff)
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
