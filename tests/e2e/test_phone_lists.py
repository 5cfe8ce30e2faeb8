"""On a phone (360×740), in four languages: each list page shows its first result on the
first screen; filtering through the folded panel lands on the results and their count."""

import re
from datetime import date, time, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from events import services as event_services
from events.models import Event
from projects import services as project_services
from projects.models import Project
from tests.factories import ALWAYS_OPEN, AssociationFactory, UserFactory

LANGUAGES = ("de", "tr", "ar", "uk")
PHONE = {"width": 360, "height": 740}
# Page, the heading of its first card, and its count heading for n results.
PAGES = [
    ("vereine/", "%(counter)s association found", "%(counter)s associations found"),
    ("veranstaltungen/", "%(counter)s event", "%(counter)s events"),
    ("standorte/", "%(counter)s site found", "%(counter)s sites found"),
]


def three_of_each():
    """Three associations, events and sites each; one of each speaks Arabic."""
    staff = UserFactory(is_staff=True, email="redaktion@example.org")
    project = project_services.project_create(
        slug="lokal-willkommen", title="lokal willkommen", title_de="lokal willkommen",
        kind=Project.Kind.NETWORK, start_date=date(2017, 1, 1), published=True,
    )  # fmt: skip
    soon = timezone.localdate() + timedelta(days=3)
    for number, language in enumerate(["ar", "de", "pl"]):
        AssociationFactory(name=f"Verein {language}", languages=[language], district="eving")
        project_services.site_create(
            project=project, name=f"Standort {language}", slug=f"standort-{language}",
            district="eving", languages=[language], opening_hours=ALWAYS_OPEN,
        )  # fmt: skip
        event = event_services.event_create(
            by=staff, title=f"Abend {language}", first_date=soon + timedelta(days=number),
            start_time=time(18), end_time=time(20), location_kind=Event.Location.ADDRESS,
            address="Nordmarkt 1, Dortmund", languages=[language],
        )[0]  # fmt: skip
        event_services.event_publish(event=event, by=staff)


def test_list_pages_put_the_first_result_on_a_phones_first_screen_in_four_languages(visitor):
    three_of_each()
    page = visitor.page
    page.set_viewport_size(PHONE)
    for language in LANGUAGES:
        with translation.override(language):
            unfiltered, one_active = (
                gettext("Filters"),
                ngettext("Filters (%(counter)s active)", "Filters (%(counter)s active)", 1)
                % {"counter": 1},
            )
            reset = gettext("Reset filters")
        for path, singular, plural in PAGES:
            visitor.goto(f"/{language}/{path}")
            assert page.locator(".card").count() == 3
            assert page.locator(".card").first.bounding_box()["y"] < PHONE["height"], path
            assert page.locator(".filter-panel summary").inner_text() == unfiltered
            assert page.locator(".filter-panel").get_attribute("open") is None
            assert page.get_by_role("link", name=reset).count() == 0

            page.locator(".filter-panel summary").click()
            page.locator("#id_language").select_option("ar")
            page.locator(".filter-panel button[type=submit]").click()
            page.wait_for_url(re.compile(r"[?&]language=ar&.*#results$"))
            if language == "ar":  # the same page as above, with one filter: right to left
                visitor.check()
            with translation.override(language):
                count = ngettext(singular, plural, 1) % {"counter": 1}
            results = page.locator("#results")
            assert results.inner_text() == count
            box = results.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (language, path)
            assert page.evaluate("document.activeElement.id") == "results"
            assert page.locator(".card h3").all_inner_texts() == [
                {"vereine/": "Verein ar", "veranstaltungen/": "Abend ar"}.get(path, "Standort ar")
            ]
            assert page.locator(".filter-panel summary").inner_text() == one_active
            assert page.get_by_role("link", name=reset).count() == 1
