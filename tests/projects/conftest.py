import pytest

from projects import services
from tests.factories import ALWAYS_OPEN, make_project


@pytest.fixture
def project(db):
    return make_project()


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
