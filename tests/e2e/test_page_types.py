"""axe-core on every page type of the portal, in German and in a right-to-left language."""

import pytest

from members import services
from members.models import Membership
from tests.factories import PASSWORD, AssociationFactory, member_of


@pytest.mark.parametrize("language", ["de", "fa"])
def test_public_page_types_pass_axe(visitor, language):
    association = AssociationFactory(
        name="Haus der Sprachen",
        languages=["fa", "de"],
        street="Zur Vielfalt 21",
        postal_code="44147",
        website="https://sprachen.example.org",
    )
    for path in [
        "/",
        "/vereine/",
        "/vereine/?q=Sprachen&language=fa&sort=name",
        "/vereine/?language=xx",  # with a form error
        "/suche/?q=Sprachen",
        "/suche/?q=xqzvw",  # no result
        f"/vereine/{association.slug}/",
        "/mitglied-werden/",
        "/mitglied-werden/danke/",
        "/konto/login/",
        "/konto/password/reset/",
        "/mein-verein/einladung/unbekannt/",
        "/vereine/?q=%00",  # the portal's "bad request" page
        "/veranstaltungen/bestaetigen/unbekannt/",
    ]:
        visitor.goto(f"/{language}{path}")
        if path in {
            "/mein-verein/einladung/unbekannt/",
            "/vereine/?q=%00",
            "/veranstaltungen/bestaetigen/unbekannt/",
        }:
            visitor.console_errors.clear()  # these pages answer 404 or 400 on purpose

    # The application form showing its errors.
    visitor.goto(f"/{language}/mitglied-werden/")
    visitor.page.locator("form.form button[type=submit]").click()
    visitor.page.wait_for_load_state("load")
    visitor.check()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_dashboard_page_types_pass_axe(visitor, language):
    association = AssociationFactory(name="Brücke e.V.")
    admin = member_of(association, Membership.Role.ADMIN, email="vorstand@example.org")
    services.invitation_create(
        association=association, email="offen@example.org", role="editor", by=admin
    )
    invitation = association.invitations.get()
    page = visitor.page
    visitor.goto(invitation.get_absolute_url().replace("/de/", f"/{language}/"))

    visitor.goto(f"/{language}/konto/login/")
    page.locator("#id_login").fill("vorstand@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    # One association: sign-in leads to its dashboard.
    page.wait_for_url(f"**/{language}/mein-verein/{association.slug}/")
    for path in [
        "/mein-verein/",
        f"/mein-verein/{association.slug}/",
        f"/mein-verein/{association.slug}/profil/",
        f"/mein-verein/{association.slug}/personen/",
        "/konto/meine-daten/",
        "/konto/loeschen/",
        "/konto/email/",
        "/konto/password/change/",
    ]:
        visitor.goto(f"/{language}{path}")

    # The profile form with a preview, and with errors.
    visitor.goto(f"/{language}/mein-verein/{association.slug}/profil/")
    page.locator("button[name=preview]").click()
    page.wait_for_load_state("load")
    visitor.check()
    page.locator("#id_email").fill("keine-adresse")
    page.locator("button[name=save]").click()
    page.wait_for_load_state("load")
    visitor.check()
    # The form answers 400 Bad Request on purpose; Chromium logs that.
    assert visitor.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    visitor.console_errors.clear()
