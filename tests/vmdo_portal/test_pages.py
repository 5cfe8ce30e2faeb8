"""Home, the staff-editable pages, languages, error pages, health and crawler files."""

import re

import pytest
from django.db import connection
from django.test import Client

from vmdo_portal.models import Page

pytestmark = pytest.mark.django_db

LANGUAGES = [
    ("de", "ltr"), ("en", "ltr"), ("tr", "ltr"), ("ar", "rtl"),
    ("uk", "ltr"), ("ru", "ltr"), ("fa", "rtl"), ("pl", "ltr"),
]  # fmt: skip
SKIP_LINK = {
    "de": "Zum Inhalt springen",
    "en": "Skip to content",
}


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.parametrize(("code", "direction"), LANGUAGES)
def test_home_in_every_language_has_lang_and_dir(client, code, direction):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert html_tag(response) == f'<html lang="{code}" dir="{direction}">'
    assert response.headers["Content-Language"] == code


@pytest.mark.parametrize(("code", "text"), SKIP_LINK.items())
def test_interface_is_translated(client, code, text):
    html = client.get(f"/{code}/").content.decode()
    assert f'<a class="skip-link" href="#main">{text}</a>' in html


@pytest.mark.parametrize("code", ["tr", "ar", "uk", "ru", "fa", "pl"])
def test_other_catalogs_translate_the_navigation(client, code):
    # Without its own catalog entry Django falls back to German, so check both.
    html = client.get(f"/{code}/").content.decode()
    skip_link = re.search(r'<a class="skip-link" href="#main">([^<]+)</a>', html).group(1)
    sign_in = re.search(r'<div class="account-links">\s*<a href="[^"]+">([^<]+)</a>', html).group(1)
    assert skip_link not in {"Skip to content", "Zum Inhalt springen"}
    assert sign_in not in {"Sign in", "Anmelden"}


def test_root_redirects_to_german_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/de/"


def test_root_follows_the_browsers_language(client):
    response = client.get("/", headers={"accept-language": "ar,en;q=0.5"})
    assert response.headers["Location"] == "/ar/"


def test_language_switcher_keeps_the_page_and_query(client):
    html = client.get("/de/ueber-uns/?seite=2").content.decode()
    assert '<a href="/ar/ueber-uns/?seite=2" lang="ar" hreflang="ar" dir="rtl">' in html
    assert (
        '<a href="/de/ueber-uns/?seite=2" lang="de" hreflang="de" dir="ltr" aria-current="true">'
        in html
    )


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/de/ueber-uns/", "Über uns"),
        ("/de/impressum/", "Impressum"),
        ("/de/datenschutz/", "Datenschutzerklärung"),
        ("/de/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ],
)
def test_editable_pages_exist_from_the_start(client, path, title):
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_about_page_tells_the_founding_facts(client):
    html = client.get("/de/ueber-uns/").content.decode()
    assert "am 8. Mai 2008 in Dortmund von Prof. Dr. Ümit Koşan" in html
    assert "Netzwerke von Migrantenorganisationen (NeMO)" in html
    assert "Zur Vielfalt 21, 44147 Dortmund" in html


def test_imprint_has_the_ddg_fields(client):
    html = client.get("/de/impressum/").content.decode()
    for heading in [
        "Anbieter",
        "Vertretungsberechtigter Vorstand",
        "Kontakt",
        "Registereintrag",
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
    ]:
        assert f"<h2>{heading}</h2>" in html


def test_staff_edits_show_on_the_page(client):
    page = Page.objects.get(key="about")
    page.title_de = "Wer wir sind"
    page.body_de = "## Geschichte\n\nSeit **2008**."
    page.save()
    html = client.get("/de/ueber-uns/").content.decode()
    assert "<h1>Wer wir sind</h1>" in html
    assert "<h2>Geschichte</h2>\n<p>Seit <strong>2008</strong>.</p>" in html


def test_html_and_script_in_page_text_render_as_text(client):
    page = Page.objects.get(key="about")
    page.title_de = '<img src=x onerror="alert(1)">'
    page.body_de = '<script>alert("x")</script>\n\n[klick](javascript:alert(1))'
    page.save()
    html = client.get("/de/ueber-uns/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<h1>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</h1>" in html
    assert 'href="javascript:' not in html


def test_translated_page_text_is_shown_in_that_language(client):
    html = client.get("/en/ueber-uns/").content.decode()
    assert "<h1>About us</h1>" in html


def test_missing_translation_falls_back_to_german_marked_as_german(client):
    response = client.get("/tr/ueber-uns/")
    assert response.status_code == 200
    assert '<h1 lang="de" dir="ltr">Über uns</h1>' in response.content.decode()


def test_home_shows_the_home_page_text(client):
    html = client.get("/de/").content.decode()
    assert "<h1>Verbund der sozial-kulturellen Migrantenvereine in Dortmund</h1>" in html


def test_home_still_works_when_staff_deleted_its_text(client):
    Page.objects.filter(key="home").delete()
    response = client.get("/de/")
    assert response.status_code == 200
    assert "<h1>VMDO e.V.</h1>" in response.content.decode()


def test_deleted_legal_page_answers_404(client):
    Page.objects.filter(key="imprint").delete()
    assert client.get("/de/impressum/").status_code == 404


@pytest.mark.parametrize(
    ("code", "text"),
    [("de", "Seite nicht gefunden"), ("en", "Page not found"), ("ar", "الصفحة غير موجودة")],
)
def test_404_page_is_translated(client, code, text):
    response = client.get(f"/{code}/gibt-es-nicht/")
    assert response.status_code == 404
    assert f"<h1>{text}</h1>" in response.content.decode()


@pytest.mark.urls("tests.vmdo_portal.urls_errors")
def test_403_page_is_translated(client):
    response = client.get("/de/verboten/")
    assert response.status_code == 403
    assert "<h1>Zugriff verweigert</h1>" in response.content.decode()


@pytest.mark.allow_error_log
@pytest.mark.urls("tests.vmdo_portal.urls_errors")
@pytest.mark.parametrize(("code", "text"), [("de", "Serverfehler"), ("en", "Server error")])
def test_500_page_is_translated(code, text):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{code}/kaputt/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{text}</h1>" in html
    assert f'<html lang="{code}"' in html


def test_csrf_failure_page_is_translated():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/de/konto/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "<h1>Formular abgelaufen</h1>" in response.content.decode()


def test_healthz_answers_200_when_the_process_lives(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_database_cache_and_storage(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up", "storage": "up"}


@pytest.mark.postgres  # SQLite's in-memory test database cannot be made unreachable
@pytest.mark.allow_error_log
@pytest.mark.django_db(transaction=True)
def test_readiness_answers_503_when_the_database_is_down(client):
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["NAME"] = "vmdo_does_not_exist"
    try:
        response = client.get("/healthz/ready")
        alive = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "down",
        "cache": "up",
        "storage": "up",
    }
    assert alive.status_code == 200


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /verwaltung/",
        "Disallow: /*/konto/",
        "Disallow: /*/mein-verein/",
        "Sitemap: http://127.0.0.1:8000/sitemap.xml",
    ]


def test_sitemap_lists_pages_in_every_language(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://127.0.0.1:8000/de/ueber-uns/</loc>" in xml
    assert "<loc>http://127.0.0.1:8000/ar/ueber-uns/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="fa" href="http://127.0.0.1:8000/fa/impressum/"/>'
        in xml
    )
    assert xml.count("<url>") == 5 * 8


def test_sitemap_lists_what_each_app_registers(client, public_paths):
    xml = client.get("/sitemap.xml").content.decode()
    locs = re.findall(r"<loc>http://127.0.0.1:8000/de/([^<]*)</loc>", xml)
    # After the portal's own pages, in the order the apps registered their sections.
    assert locs[5:] == [
        public_paths["profile"].removeprefix("/de/"),
        public_paths["project"].removeprefix("/de/"),
        public_paths["site"].removeprefix("/de/"),
        "haus-der-vielfalt/",
        public_paths["room"].removeprefix("/de/"),
    ]


def test_pages_load_nothing_from_other_hosts(client):
    html = client.get("/de/").content.decode()
    external = [
        url
        for url in re.findall(r'(?:src|href)="([^"]+)"', html)
        if re.match(r"(https?:)?//", url) and not url.startswith("http://127.0.0.1:8000/")
    ]
    assert external == []


def test_favicon_ico_points_to_the_portals_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.headers["Location"] == "/static/img/favicon.svg"
