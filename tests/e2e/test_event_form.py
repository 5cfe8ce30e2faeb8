"""The event form on a phone: only the groups of fields that fit the chosen location, price
and registration are shown; without JavaScript every group shows, saying when it applies."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event
from members.models import Membership
from tests.e2e.conftest import Visitor
from tests.e2e.test_facilities import sign_in
from tests.factories import PASSWORD, AssociationFactory, member_of

PHONE = {"width": 360, "height": 740}
GROUPS = [
    "location_kind=room",
    "location_kind=site",
    "location_kind=address",
    "location_kind=online",
    "is_free=",
    "registration=external",
    "registration=portal",
]


def shown_groups(page) -> list[str]:
    return [
        rule for rule in GROUPS if page.locator(f"fieldset[data-show-when='{rule}']").is_visible()
    ]


@pytest.fixture
def phone(browser, portal):
    opened = []

    def open_tab(**options):
        context = browser.new_context(locale="de-DE", viewport=PHONE, **options)
        opened.append(context)
        return Visitor(context.new_page(), portal.url)

    yield open_tab
    for context in opened:
        context.close()


def fill_when(page, title):
    day = timezone.localdate() + timedelta(days=9)
    page.locator("#id_title").fill(title)
    page.locator("#id_first_date").fill(day.isoformat())
    page.locator("#id_start_time").fill("18:00")
    page.locator("#id_end_time").fill("20:00")


def test_the_event_form_shows_the_fields_that_fit_with_and_without_javascript(phone):
    association = AssociationFactory(name="Kulturbrücke")
    member_of(association, Membership.Role.ADMIN, email="kultur@example.org")
    form_path = f"/de/mein-verein/{association.slug}/veranstaltungen/neu/"
    list_url = re.compile(rf"/mein-verein/{association.slug}/veranstaltungen/$")

    visitor = phone()
    page = visitor.page
    sign_in(visitor, "kultur@example.org")
    visitor.goto(form_path)
    assert shown_groups(page) == ["location_kind=room"]
    page.locator("input[name=location_kind][value=online]").check()
    assert shown_groups(page) == ["location_kind=online"]
    page.locator("#id_is_free").uncheck()
    assert shown_groups(page) == ["location_kind=online", "is_free="]
    page.locator("#id_is_free").check()
    page.locator("#id_registration").select_option("portal")
    assert shown_groups(page) == ["location_kind=online", "registration=portal"]
    visitor.check()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    fill_when(page, "Online-Sprachcafé")
    page.locator("#id_online_url").fill("https://meet.example.org/sprachcafe")
    page.locator("#id_capacity").fill("15")
    page.locator("form.event-form button[type=submit]").click()
    page.wait_for_url(list_url)
    online = Event.objects.get(title="Online-Sprachcafé")
    assert (online.location_kind, online.online_url, online.registration, online.capacity) == (
        "online", "https://meet.example.org/sprachcafe", "portal", 15,
    )  # fmt: skip
    assert visitor.console_errors == []

    # axe-core needs JavaScript: this tab only loads pages (checked above with JavaScript).
    page = phone(java_script_enabled=False).page
    page.goto(visitor.base_url + "/de/konto/login/")
    page.locator("#id_login").fill("kultur@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    page.goto(visitor.base_url + form_path)
    assert shown_groups(page) == GROUPS
    assert page.locator("fieldset.option-group > legend").all_inner_texts() == [
        "Raum im Haus der Vielfalt (nur für Veranstaltungen in einem Raum)",
        "Projektstandort (nur für Veranstaltungen an einem Projektstandort)",
        "Adresse (nur für Veranstaltungen an einer Adresse)",
        "Online (nur für Online-Veranstaltungen)",
        "Preis (nur wenn die Veranstaltung nicht kostenlos ist)",
        "Anmeldung auf einer anderen Website (nur für die Anmeldung auf einer anderen Website)",
        "Anmeldung im Portal (nur für die Anmeldung hier im Portal)",
    ]
    fill_when(page, "Erzählcafé")
    page.locator("input[name=location_kind][value=address]").check()
    page.locator("#id_address").fill("Nordmarkt 1, Dortmund")
    page.locator("#id_online_url").fill("https://meet.example.org/vergessen")
    page.locator("#id_price").fill("5 €")
    page.locator("#id_capacity").fill("-3")
    page.locator("form.event-form button[type=submit]").click()
    page.wait_for_url(list_url)
    kept = Event.objects.get(title="Erzählcafé")
    assert (kept.location_kind, kept.address, kept.online_url, kept.price, kept.capacity) == (
        "address", "Nordmarkt 1, Dortmund", "", "", None,
    )  # fmt: skip
