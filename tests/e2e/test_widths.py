"""No page is wider than a 320 px phone: every page type, signed out and signed in, de and ar.

One row of each kind, written as badly as real data gets: long German compounds, long
email addresses and web addresses. A page fails when the document scrolls sideways, a link,
button or field sticks out of the screen (it could not be tapped), or a button or field is
smaller than 24 x 24 px.
"""

from datetime import time, timedelta

from django.utils import timezone, translation

from events import services as events
from events.models import Event
from facilities import services as facilities
from members import services as members
from members.models import Membership
from projects import services as projects
from projects.models import ContactPerson, Project
from tests.e2e.conftest import Visitor
from tests.e2e.test_facilities import sign_in
from tests.factories import (
    ALWAYS_OPEN,
    AssociationFactory,
    UserFactory,
    make_house,
    make_room,
    member_of,
)

WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterung"
EMAIL = "vorstandsvorsitzende.oeffentlichkeitsarbeit@familienbildungsverein-nordstadt.example.org"
URL = "https://www.familienbildungsverein-nordstadt.example.org/veranstaltungen/sommerfest"
PHONE = "+49 231 98765432-100"
WIDTH = 320

# What sticks out: the document's own width, every visible control whose box leaves the
# screen, and buttons and fields too small to tap. Controls clipped on purpose (visually
# hidden text, the spam trap) do not count.
MEASURE = """() => {
  const width = window.innerWidth;
  const clipped = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflow !== "visible" && node.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  };
  const problems = [];
  for (const element of document.querySelectorAll("a, button, input, select, textarea, summary")) {
    if (!element.checkVisibility() || element.closest("[aria-hidden=true]") || clipped(element)) {
      continue;
    }
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const text = (element.innerText || element.value || element.name || "").trim();
    const name = `<${element.tagName.toLowerCase()}> "${text.slice(0, 40)}"`;
    if (box.left < -0.5 || box.right > width + 0.5) {
      problems.push(`${name} ${Math.round(box.left)}..${Math.round(box.right)} outside the screen`);
    }
    // Buttons and fields at least 24 x 24 px (WCAG 2.5.8); links in text are exempt.
    if (element.matches("button, summary, select, textarea, input:not([type=checkbox], [type=radio])")
        && (box.width < 24 || box.height < 24)) {
      problems.push(`${name} ${Math.round(box.width)} x ${Math.round(box.height)} px, too small to tap`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, problems};
}"""


def worst_case():
    """One association, person, invitation, booking, event, registration, project and site."""
    today = timezone.localdate()
    soon = today + timedelta(days=1)
    association = AssociationFactory(
        name=f"Interkultureller {WORD}verein Nordstadt e.V.",
        short_name="IKFV",
        email=EMAIL,
        website=URL,
        phone=PHONE,
        street=f"{WORD}straße 121",
        postal_code="44147",
        contact_person=f"Dr. Maximiliane {WORD}",
        description_de=f"Wir bieten {WORD} und {URL} und {EMAIL} für alle.",
        languages=["ar", "de", "tr"],
    )
    admin = member_of(association, Membership.Role.ADMIN, email=EMAIL, name=f"Maximiliane {WORD}")
    member_of(association, Membership.Role.EDITOR, email=f"zweite.{EMAIL}", name=WORD)
    members.invitation_create(
        association=association, email=f"eingeladen.{EMAIL}", role="editor", by=admin
    )
    members.history_record(
        association=association,
        by=admin,
        action="association.edited",
        fields=["description", "website", "email", "regular_activities"],
    )

    house = make_house(description=f"Das Haus für {WORD}.")
    room = make_room(house, name=f"{WORD}saal", slug="saal")
    staff = UserFactory(is_staff=True, email="redaktion@example.org")
    monday = today + timedelta(days=7 - today.weekday())  # the house is closed on Sundays
    for day, approve in [(monday, False), (monday + timedelta(days=1), True)]:
        series = facilities.booking_request(
            room=room, association=association, requested_by=admin, title=f"Probe {WORD}",
            purpose=URL, attendees=12, first_date=day, start_time=time(18), end_time=time(20),
        )  # fmt: skip
        if approve:
            facilities.booking_approve(booking=series.bookings.get(), by=staff)

    project = projects.project_create(
        slug="lokal-willkommen",
        title=f"lokal willkommen {WORD}",
        title_de=f"lokal willkommen {WORD}",
        summary=f"Beratung zu {WORD} {URL}",
        kind=Project.Kind.NETWORK,
        start_date=today - timedelta(days=400),
        website=URL,
        published=True,
    )
    ContactPerson.objects.create(project=project, name=WORD, email=EMAIL, phone=PHONE)
    site = projects.site_create(
        project=project,
        name=f"Büro {WORD}",
        slug="buero",
        street=f"{WORD}straße 121",
        postal_code="44147",
        email=EMAIL,
        phone=PHONE,
        directions=f"Bus 456 bis {WORD}platz, {URL}",
        opening_hours=ALWAYS_OPEN,
        languages=["ar", "de"],
    )

    common = {"by": admin, "associations": [association], "first_date": soon}
    [draft] = events.event_create(
        title=f"Entwurf {WORD}", start_time=time(15), end_time=time(17),
        location_kind=Event.Location.ADDRESS, address=f"{WORD}straße 121, 44147 Dortmund",
        review_note=f"Bitte {WORD} und {URL} prüfen.", **common,
    )  # fmt: skip
    [published] = events.event_create(
        title=f"Sommerfest {WORD}", title_de=f"Sommerfest {WORD}", start_time=time(17),
        end_time=time(19), location_kind=Event.Location.SITE, site=site,
        summary=f"{WORD} für alle {URL}", description=f"{WORD} {URL} {EMAIL}",
        registration=Event.RegistrationMode.PORTAL, capacity=30, languages=["ar", "de"], **common,
    )  # fmt: skip
    events.event_publish(event=published, by=staff)
    events.registration_create(
        event=published, name=f"Maximiliane {WORD}", email=EMAIL, people=3, email_verified=True
    )
    return {
        "association": association.slug,
        "project": project.slug,
        "site": site.slug,
        "room": room.slug,
        "event": published,
        "draft": draft,
        "month": soon.strftime("%Y-%m"),
    }


def measure(page, failures, where):
    result = page.evaluate(MEASURE)
    if result["scrollWidth"] > page.viewport_size["width"]:
        failures.append(f"{where}: {result['scrollWidth']} px wide")
    failures.extend(f"{where}: {item}" for item in result["problems"])


def visit(visitor, language, path, failures, *, axe):
    visitor.page.goto(f"{visitor.base_url}/{language}{path}")
    if axe:
        visitor.check()
    measure(visitor.page, failures, f"/{language}{path}")


def test_every_page_fits_a_320_px_screen_in_german_and_arabic(browser, portal):
    data = worst_case()
    slug, event, draft = data["association"], data["event"], data["draft"]
    public = [
        "/",
        "/ueber-uns/",
        "/vereine/",
        f"/vereine/{slug}/",
        "/projekte/",
        f"/projekte/{data['project']}/",
        "/standorte/",
        f"/standorte/{data['site']}/",
        "/haus-der-vielfalt/",
        f"/haus-der-vielfalt/raeume/{data['room']}/",
        "/veranstaltungen/",
        event.get_absolute_url().removeprefix("/de"),
        "/konto/login/",
        "/konto/password/reset/",
        "/mitglied-werden/",
        f"/suche/?q={slug.split('-')[0]}",
        f"/veranstaltungen/?ansicht=monat&monat={data['month']}",  # last: checked below
    ]
    dashboard = [
        "/mein-verein/",
        f"/mein-verein/{slug}/",
        f"/mein-verein/{slug}/profil/",
        f"/mein-verein/{slug}/personen/",
        f"/mein-verein/{slug}/buchungen/",
        f"/mein-verein/{slug}/buchungen/neu/",
        f"/mein-verein/{slug}/veranstaltungen/",
        f"/mein-verein/{slug}/veranstaltungen/neu/",
        f"/mein-verein/{slug}/veranstaltungen/{draft.pk}/bearbeiten/",
        f"/mein-verein/{slug}/veranstaltungen/{event.pk}/anmeldungen/",
        "/konto/meine-daten/",
        "/konto/email/",
        "/konto/password/change/",
        "/konto/loeschen/",
    ]
    # Pages whose phone layout differs from the wide one (tables as cards, the month as a
    # list of days) are checked with axe-core here too; the rest in test_page_types.
    phone_layouts = {
        f"/haus-der-vielfalt/raeume/{data['room']}/",
        f"/veranstaltungen/?ansicht=monat&monat={data['month']}",
        f"/mein-verein/{slug}/",
        f"/mein-verein/{slug}/personen/",
        f"/mein-verein/{slug}/buchungen/",
        f"/mein-verein/{slug}/veranstaltungen/",
        f"/mein-verein/{slug}/veranstaltungen/{event.pk}/anmeldungen/",
    }
    failures = []
    for language in ["de", "ar"]:
        context = browser.new_context(locale=language, viewport={"width": WIDTH, "height": 640})
        visitor = Visitor(context.new_page(), portal.url)
        page = visitor.page

        for path in public:
            visit(visitor, language, path, failures, axe=path in phone_layouts)
        # The month is a list of days: the event's title has the screen's width, not a
        # seventh of it (where its words would break after every few letters).
        title = page.locator(".month-event").bounding_box()
        if title["width"] < WIDTH / 2:
            failures.append(f"/{language}/veranstaltungen/ (month): the title is {title}")
        # The language menu, open.
        page.locator(".language-menu summary").click()
        measure(page, failures, f"/{language}/veranstaltungen/ (month, language menu open)")

        # The membership form showing its errors, with the worst a person may type.
        page.goto(f"{visitor.base_url}/{language}/mitglied-werden/")
        page.locator("#id_website").fill(f"{URL}/{WORD}")
        page.locator("#id_email").fill(f"keine-adresse-{WORD}")
        page.locator("form.form button[type=submit]").click()
        page.wait_for_load_state("load")
        visitor.check()
        measure(page, failures, f"/{language}/mitglied-werden/ (with errors)")

        sign_in(visitor, EMAIL)
        for path in dashboard:
            visit(visitor, language, path, failures, axe=path in phone_layouts)
            if path.endswith("/personen/"):
                # Cards on the screen, still a table to screen readers: the role is read
                # as one cell under its column header, its visible label not read again.
                assert page.get_by_role("columnheader").count() == 3
                assert page.get_by_role("cell", name=admin_role(language), exact=True).count() == 1
            if path.endswith(f"/{slug}/veranstaltungen/"):
                # The draft's "Submit for publication" is on the screen, big enough to tap.
                box = page.locator(f"form[action$='/{draft.pk}/einreichen/'] button").bounding_box()
                if box["x"] < 0 or box["x"] + box["width"] > WIDTH or box["height"] < 24:
                    failures.append(f"/{language}{path}: 'Submit for publication' is at {box}")
        # Just above the phone layout, on a small tablet, the tables are tables again:
        # their long emails and titles break inside their columns.
        page.set_viewport_size({"width": 700, "height": 640})
        for path in sorted(phone_layouts - set(public)):
            page.goto(f"{visitor.base_url}/{language}{path}")
            measure(page, failures, f"/{language}{path} (700 px)")
        context.close()
        assert visitor.foreign_requests == []
        assert visitor.console_errors == []
    assert failures == [], "too wide for a 320 px screen:\n" + "\n".join(failures)


def admin_role(language):
    with translation.override(language):
        return str(Membership.Role.ADMIN.label)
