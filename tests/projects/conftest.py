from datetime import date

import pytest

from projects import services
from projects.models import Project

ALWAYS_OPEN = {
    day: {"mode": "open", "ranges": [["00:00", "24:00"]]}
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
}
NEVER_OPEN = {day: {"mode": "closed"} for day in ALWAYS_OPEN}


@pytest.fixture
def project(db):
    return services.project_create(
        slug="lokal-willkommen",
        title="lokal willkommen",
        title_de="lokal willkommen",
        kind=Project.Kind.NETWORK,
        start_date=date(2017, 1, 1),
        published=True,
    )


@pytest.fixture
def make_site(project):
    counter = iter(range(1000))

    def make(**fields):
        number = next(counter)
        fields.setdefault("name", f"Büro {number}")
        fields.setdefault("slug", f"buero-{number}")
        fields.setdefault("project", project)
        fields.setdefault("opening_hours", ALWAYS_OPEN)
        return services.site_create(**fields)

    return make
