"""The list pages' folded filter panel: what its summary counts, when it opens, where the
form lands and when the results offer to reset (the phone journey is in e2e)."""

import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def panel(html):
    """(summary text, whether the panel is open, the form's action, the reset link or None)."""
    details = re.search(r'<details class="filter-panel"( open)?>\s*<summary>(.*?)</summary>', html)
    action = re.search(r'<form method="get" action="([^"]*)" class="filter-form"', html).group(1)
    reset = re.search(r'<a href="([^"]*)">Filter zurücksetzen</a>', html)
    return details.group(2), bool(details.group(1)), action, reset and reset.group(1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ("Filter", False, "/de/veranstaltungen/#results", None)),
        # The search box stands above the panel: it is not counted, but can be reset.
        ({"q": "Chor"}, ("Filter", False, "/de/veranstaltungen/#results", "/de/veranstaltungen/")),
        (
            {"language": "ar", "free": "on", "q": "", "archiv": "1"},
            ("Filter (2 aktiv)", False, "/de/veranstaltungen/#results", "/de/veranstaltungen/?archiv=1"),
        ),
        # A date that is no date: the panel opens to show the error.
        ({"date_from": "gestern"}, ("Filter (1 aktiv)", True, "/de/veranstaltungen/#results", "/de/veranstaltungen/")),
    ],
)  # fmt: skip
def test_event_filter_panel_counts_the_set_filters(client, query, expected):
    assert panel(client.get("/de/veranstaltungen/", query).content.decode()) == expected


def test_month_view_resets_to_its_month_and_the_other_lists_count_too(client):
    month = timezone.localdate().strftime("%Y-%m")
    html = client.get("/de/veranstaltungen/", {"ansicht": "monat", "category": "kultur"})
    assert panel(html.content.decode()) == (
        "Filter (1 aktiv)", False, "/de/veranstaltungen/#results",
        f"/de/veranstaltungen/?ansicht=monat&amp;monat={month}",
    )  # fmt: skip
    html = client.get("/de/vereine/", {"language": "tr", "district": "eving", "sort": "newest"})
    assert panel(html.content.decode()) == (
        "Filter (2 aktiv)",
        False,
        "/de/vereine/#results",
        "/de/vereine/",
    )
    html = client.get("/de/standorte/", {"step_free": "on"})
    assert panel(html.content.decode()) == (
        "Filter (1 aktiv)",
        False,
        "/de/standorte/#results",
        "/de/standorte/",
    )
    html = client.get("/de/projekte/", {"kind": "counselling", "status": "active"})
    assert panel(html.content.decode()) == (
        "Filter (2 aktiv)",
        False,
        "/de/projekte/#results",
        "/de/projekte/",
    )
    assert re.search(r'<h2 id="results"[^>]*>(.*?)</h2>', html.content.decode()).group(1) == (
        "0 Projekte gefunden"
    )
