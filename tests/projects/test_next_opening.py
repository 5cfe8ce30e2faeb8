"""'Open now' without a result says which site opens next and when; a site 'by
appointment' says how to get one."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_time
from django.utils import timezone, translation
from django.utils.translation import gettext

from projects.models import Site, SiteException
from projects.selectors import next_opening_site
from tests.factories import NEVER_OPEN

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NO_MATCH = "No site matches these filters. Try fewer filters."
MONDAYS = NEVER_OPEN | {"mon": {"mode": "open", "ranges": [["09:00", "12:00"]]}}


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_next_opening_comes_from_weekly_hours_and_exceptions(
    make_site, django_assert_num_queries
):
    monday_afternoon = datetime(2026, 12, 7, 13, 0, tzinfo=BERLIN)
    make_site(name="Montags", order=1, opening_hours=MONDAYS)
    make_site(name="Nur nach Vereinbarung", opening_hours={"mon": {"mode": "appointment"}})
    make_site(name="Nie", opening_hours=NEVER_OPEN)
    special = make_site(name="Sondertermin", order=2, opening_hours=NEVER_OPEN)
    SiteException.objects.create(
        site=special, start_date=date(2026, 12, 10), mode="open", ranges=[["16:00", "18:00"]]
    )
    too_late = make_site(name="Erst im Januar", opening_hours=NEVER_OPEN)
    SiteException.objects.create(
        site=too_late, start_date=date(2027, 1, 4), mode="open", ranges=[["08:00", "09:00"]]
    )
    with django_assert_num_queries(2):
        found = next_opening_site(Site.objects.all(), monday_afternoon)
    assert (found.site.name, found.opens) == (
        "Sondertermin",
        datetime(2026, 12, 10, 16, 0, tzinfo=BERLIN),
    )

    # Without the special date, and the Monday site closed on the 14th: the Monday after.
    SiteException.objects.filter(site=special).delete()
    closed_monday = Site.objects.get(name="Montags")
    SiteException.objects.create(site=closed_monday, start_date=date(2026, 12, 14))
    found = next_opening_site(Site.objects.all(), monday_afternoon)
    assert (found.site.name, found.opens) == (
        "Montags",
        datetime(2026, 12, 21, 9, 0, tzinfo=BERLIN),
    )
    assert next_opening_site(Site.objects.filter(name="Nie"), monday_afternoon) is None


@pytest.mark.parametrize("language", ["de", "tr"])
def test_nothing_open_now_names_the_next_site_and_when(client, make_site, language):
    tomorrow = timezone.localdate() + timedelta(days=1)
    make_site(name="Zu", opening_hours=NEVER_OPEN)
    for name, day, start in [
        ("Übermorgen", tomorrow + timedelta(days=1), "08:00"),
        ("Morgen", tomorrow, "10:30"),
    ]:
        site = make_site(
            name=name, opening_hours=NEVER_OPEN, street="Mallinckrodtstraße 1", postal_code="44145"
        )
        SiteException.objects.create(
            site=site, start_date=day, mode="open", ranges=[[start, "12:00"]]
        )
    response = client.get(f"/{language}/standorte/", {"open_now": "on"})
    html = response.content.decode()
    [message] = re.findall(r'<p class="next-opening">(.*?)</p>', html, re.S)
    day = format_date(tomorrow, "full", locale=language)
    clock = format_time(datetime(2000, 1, 1, 10, 30), "short", locale=language)
    morgen = Site.objects.get(name="Morgen")
    assert f'<a href="/{language}/standorte/{morgen.slug}/">Morgen</a>' in message
    assert (
        text(message)
        == {
            "de": f"Gerade ist nichts geöffnet. Als Nächstes: Morgen öffnet {day} um {clock}. "
            "Adresse: Mallinckrodtstraße 1, 44145 Dortmund",
            "tr": f"Şu anda açık bir yer yok. Sıradaki: Morgen – açılış: {day}, saat {clock}. "
            "Adres: Mallinckrodtstraße 1, 44145 Dortmund",
        }[language]
    )


def test_nothing_open_and_nothing_opening_says_so(client, make_site):
    make_site(name="Zu", opening_hours=NEVER_OPEN)
    html = client.get("/de/standorte/", {"open_now": "on"}).content.decode()
    [message] = re.findall(r"<p>(Gerade ist nichts geöffnet\..*?)</p>", html)
    with translation.override("de"):
        assert message == f"Gerade ist nichts geöffnet. {gettext(NO_MATCH)}"
    assert 'class="next-opening"' not in html


def test_a_site_by_appointment_says_how_to_get_one(client, make_site):
    wednesdays = NEVER_OPEN | {"wed": {"mode": "appointment"}}
    both = make_site(
        name="Beides", opening_hours=wednesdays, phone="0231 123 45", email="termin@example.org"
    )
    make_site(name="Telefon", opening_hours=wednesdays, phone="0231 9")
    make_site(name="Nur Mail", opening_hours=wednesdays, email="mail@example.org")
    make_site(name="Ohne Kontakt", opening_hours=wednesdays)
    make_site(name="Ohne Termine", opening_hours=NEVER_OPEN, phone="0231 0")
    html = client.get("/de/standorte/").content.decode()
    notes = re.findall(r'<p class="appointment">(.*?)</p>', html)
    assert notes == [
        'Nach Vereinbarung: Rufen Sie <a href="tel:023112345" dir="ltr">0231 123 45</a> an '
        'oder schreiben Sie an <a href="mailto:termin@example.org" dir="ltr">'
        "termin@example.org</a>.",
        'Nach Vereinbarung: Schreiben Sie an <a href="mailto:mail@example.org" dir="ltr">'
        "mail@example.org</a>.",
        'Nach Vereinbarung: Schreiben Sie dem VMDO an <a href="mailto:info@vmdo.de" dir="ltr">'
        "info@vmdo.de</a>, wir stellen den Kontakt her.",
        'Nach Vereinbarung: Rufen Sie <a href="tel:02319" dir="ltr">0231 9</a> an.',
    ]
    detail = client.get(both.get_absolute_url()).content.decode()
    assert re.findall(r'<p class="appointment">(.*?)</p>', detail) == notes[:1]
