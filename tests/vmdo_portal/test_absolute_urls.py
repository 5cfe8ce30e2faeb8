"""Absolute addresses come from SITE_URL: a request with another Host (an allowed host
with a foreign port) changes nothing that another visitor gets from the page cache."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

POISONED_HOST = "127.0.0.1:6666"
ABSOLUTE = re.compile(r"https?://[^\s\"'<>]+")


def own_addresses(text: str) -> list[str]:
    """Every absolute address in a page that is not an outside site's (schema.org, OSM)."""
    return [
        url
        for url in ABSOLUTE.findall(text)
        if not url.startswith(("https://schema.org", "https://www.openstreetmap.org"))
        and "www.w3.org" not in url
        and "sitemaps.org" not in url
    ]


def test_a_poisoned_host_changes_no_address_anyone_gets(client, public_paths):
    assert settings.SITE_URL == "http://127.0.0.1:8000"
    for page_type, path in public_paths.items():
        poisoned = client.get(path, HTTP_HOST=POISONED_HOST)
        visitor = client.get(path)
        assert (page_type, poisoned.status_code, visitor["X-Page-Cache"]) == (page_type, 200, "hit")
        for response in (poisoned, visitor):
            addresses = own_addresses(response.content.decode())
            assert bool(addresses) == (page_type != "room feed"), page_type  # busy times only
            assert [url for url in addresses if not url.startswith(settings.SITE_URL + "/")] == []


def test_hreflang_alternates_and_json_ld_name_the_site_url(client, public_paths):
    client.get(public_paths["profile"], HTTP_HOST=POISONED_HOST)
    html = client.get(public_paths["profile"]).content.decode()
    assert (
        f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}/en/vereine/kulturbruecke/">'
        in html
    )
    assert f'"url": "{settings.SITE_URL}/de/vereine/kulturbruecke/"' in html
    assert (
        f'<meta property="og:url" content="{settings.SITE_URL}/de/vereine/kulturbruecke/">' in html
    )


def test_robots_txt_names_the_sitemap_under_the_site_url(client):
    client.get("/robots.txt", HTTP_HOST=POISONED_HOST)
    body = client.get("/robots.txt").content.decode()
    assert body.splitlines()[-1] == f"Sitemap: {settings.SITE_URL}/sitemap.xml"


def test_the_sitemap_and_the_atom_feed_name_the_site_url(client, public_paths):
    client.get("/sitemap.xml", HTTP_HOST=POISONED_HOST)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{settings.SITE_URL}/de/vereine/kulturbruecke/</loc>" in sitemap
    client.get("/de/veranstaltungen/feed.atom", HTTP_HOST=POISONED_HOST)
    atom = client.get("/de/veranstaltungen/feed.atom").content.decode()
    assert f'<link href="{settings.SITE_URL}/de/veranstaltungen/" rel="alternate"/>' in atom
    assert f'<link href="{settings.SITE_URL}/de/veranstaltungen/feed.atom" rel="self"/>' in atom


def test_the_private_calendar_address_on_the_dashboard_names_the_site_url(client):
    from members.models import Membership
    from tests.factories import AssociationFactory, member_of

    association = AssociationFactory(name="Kalenderverein")
    client.force_login(member_of(association, Membership.Role.ADMIN, email="k@example.org"))
    client.post(f"/de/mein-verein/{association.slug}/buchungen/kalender/")
    html = client.get(
        f"/de/mein-verein/{association.slug}/buchungen/", HTTP_HOST=POISONED_HOST
    ).content.decode()
    token = association.calendar_token.token
    assert f"<code>{settings.SITE_URL}/kalender/buchungen/{token}.ics</code>" in html
