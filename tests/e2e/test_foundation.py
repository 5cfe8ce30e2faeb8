"""Journeys of the foundation: languages, staff login with two factors, password reset."""

import re

from django.core import mail

from tests.factories import PASSWORD, UserFactory, totp_code, totp_enable


def html_attributes(page):
    return page.evaluate("[document.documentElement.lang, document.documentElement.dir]")


def test_visitor_reads_home_in_german_and_arabic_and_switches_language(visitor):
    page = visitor.page
    visitor.goto("/de/")
    assert html_attributes(page) == ["de", "ltr"]
    assert page.locator("h1").inner_text() == (
        "Verbund der sozial-kulturellen Migrantenvereine in Dortmund"
    )
    brand_de = page.locator(".brand").bounding_box()
    assert brand_de["x"] < 640  # German: the logo starts on the left

    page.get_by_role("link", name="Über uns").first.click()
    page.wait_for_url(re.compile(r"/de/ueber-uns/$"))
    visitor.check()

    page.locator(".language-menu summary").click()
    visitor.check()
    page.get_by_role("link", name="العربيّة").click()
    page.wait_for_url(re.compile(r"/ar/ueber-uns/$"))
    visitor.check()
    assert html_attributes(page) == ["ar", "rtl"]
    assert page.locator("h1").get_attribute("lang") == "de"  # not yet translated: German

    visitor.goto("/ar/")
    assert html_attributes(page) == ["ar", "rtl"]
    brand_ar = page.locator(".brand").bounding_box()
    assert brand_ar["x"] > 640  # Arabic: the page is mirrored, the logo on the right
    assert page.locator(".skip-link").inner_text() != "Skip to content"


def test_pages_fit_a_320_pixel_phone_without_sideways_scrolling(browser, portal):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in ["/de/", "/ar/ueber-uns/", "/fa/datenschutz/", "/de/konto/login/"]:
            page.goto(portal.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{path} is {width}px wide"
    finally:
        context.close()


def test_every_editable_page_passes_axe_in_german_and_farsi(visitor):
    for language in ["de", "fa"]:
        for path in ["ueber-uns/", "impressum/", "datenschutz/", "barrierefreiheit/"]:
            visitor.goto(f"/{language}/{path}")


def test_error_page_passes_axe(visitor):
    response = visitor.goto("/ar/gibt-es-nicht/")
    assert response.status == 404
    # Chromium logs the 404 of the page itself; that one is expected.
    assert visitor.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    visitor.console_errors.clear()


def test_staff_logs_in_with_two_factors_and_opens_the_admin(visitor):
    page = visitor.page
    staff = UserFactory(is_staff=True, is_superuser=True, email="redaktion@example.org")
    secret = totp_enable(staff)

    visitor.goto("/verwaltung/")
    assert page.url.endswith("/de/konto/login/?next=%2Fverwaltung%2F")
    page.get_by_label("E-Mail").fill("redaktion@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.wait_for_url(re.compile(r"/de/konto/2fa/authenticate/"))
    visitor.check()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Anmeldung").click()

    page.wait_for_url(re.compile(r"/verwaltung/$"))
    visitor.check()
    assert page.locator("#site-name").inner_text() == "VMDO Verwaltung"

    page.get_by_role("link", name="Seiten").first.click()
    visitor.check()
    page.get_by_role("link", name="Impressum").click()
    visitor.check()
    # The translated fields are language tabs: one language shows at a time.
    assert page.locator("#id_title_de").is_visible()
    assert not page.locator("#id_title_ar").is_visible()
    page.locator(".field-title_de").locator("xpath=..").get_by_role("tab", name="AR").first.click()
    assert page.locator("#id_title_ar").is_visible()
    assert not page.locator("#id_title_de").is_visible()


def test_password_reset_by_email(visitor):
    page = visitor.page
    UserFactory(email="kasse@example.org")

    visitor.goto("/de/konto/login/")
    page.get_by_role("link", name="Passwort vergessen?").click()
    visitor.check()
    page.get_by_label("E-Mail").fill("kasse@example.org")
    page.get_by_role("button", name=re.compile("zurücksetzen", re.IGNORECASE)).click()
    page.wait_for_url(re.compile(r"/password/reset/done/"))
    visitor.check()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/password/reset/key/\S+", mail.outbox[0].body).group(0)
    visitor.goto(link.replace(re.match(r"https?://[^/]+", link).group(0), ""))
    page.get_by_label(re.compile(r"^Neues Passwort:?$")).fill("ein-neues-langes-passwort-7")
    page.get_by_label("Neues Passwort (Wiederholung)").fill("ein-neues-langes-passwort-7")
    page.get_by_role("button", name=re.compile("Passwort ändern|Ändern")).click()
    visitor.check()

    visitor.goto("/de/konto/login/")
    page.get_by_label("E-Mail").fill("kasse@example.org")
    page.get_by_label("Passwort").fill("ein-neues-langes-passwort-7")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/de/$"))
    visitor.check()
    assert page.get_by_role("link", name="Mein Verein").is_visible()
