"""Journey: on a phone, a visitor finds a site offering Arabic in the Nordstadt that is open now."""

import re
from datetime import date

from projects import services
from projects.models import Project
from tests.factories import ALWAYS_OPEN, NEVER_OPEN


def test_visitor_finds_an_open_site_offering_arabic_in_the_nordstadt_on_a_phone(browser, portal):
    from tests.e2e.conftest import Visitor

    project = services.project_create(
        slug="lokal-willkommen",
        title="lokal willkommen",
        title_de="lokal willkommen",
        kind=Project.Kind.NETWORK,
        start_date=date(2017, 1, 1),
        published=True,
    )
    services.site_create(
        project=project,
        name="lokal willkommen Innenstadt-Nord",
        slug="nordstadt",
        district="innenstadt-nord",
        street="Brunnenstraße",
        postal_code="44147",
        languages=["ar", "de"],
        opening_hours=ALWAYS_OPEN,
    )
    services.site_create(
        project=project,
        name="Büro heute zu",
        slug="zu",
        district="innenstadt-nord",
        languages=["ar"],
        opening_hours=NEVER_OPEN,
    )
    services.site_create(
        project=project, name="Büro Eving", slug="eving", district="eving",
        languages=["ar"], opening_hours=ALWAYS_OPEN,
    )  # fmt: skip
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    visitor = Visitor(context.new_page(), portal.url)
    page = visitor.page
    try:
        visitor.goto("/ar/")
        page.locator(".main-nav a[href='/ar/standorte/']").click()
        page.wait_for_url(re.compile(r"/ar/standorte/$"))
        visitor.check()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375

        page.locator(".filter-panel summary").click()  # the filters are folded
        page.locator("#id_language").select_option("ar")
        page.locator("#id_district").select_option("innenstadt-nord")
        page.locator("#id_open_now").check()
        page.locator(".filter-panel button[type=submit]").click()
        page.wait_for_url(re.compile(r"open_now=on"))
        visitor.check()
        assert page.locator(".card h3").all_inner_texts() == ["lokal willkommen Innenstadt-Nord"]

        page.get_by_role("link", name="lokal willkommen Innenstadt-Nord").click()
        page.wait_for_url(re.compile(r"/ar/standorte/nordstadt/$"))
        visitor.check()
        assert page.locator(".open-state").get_attribute("class") == "open-state is-open"
        assert page.locator("table.hours tr").count() == 7
        assert page.locator("table.hours tr.today").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert visitor.foreign_requests == []
        assert visitor.console_errors == []
    finally:
        context.close()
