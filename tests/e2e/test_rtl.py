"""Arabic pages in Chromium: contact data stays left to right, the month's weekday
headers stay apart."""

import itertools
from datetime import time

from django.utils import timezone

from events import services
from tests.factories import AssociationFactory, UserFactory

# Boxes of the visible weekday headers and whether each one's text fits its cell.
HEADER_BOXES = """() => [...document.querySelectorAll('table.month thead th')].map(th => {
  const r = th.getBoundingClientRect();
  return {left: r.left, right: r.right, width: r.width, fits: th.scrollWidth <= th.clientWidth};
})"""


def overlapping(boxes):
    ordered = sorted(boxes, key=lambda box: box["left"])
    return [(a, b) for a, b in itertools.pairwise(ordered) if a["right"] > b["left"] + 0.5]


def test_arabic_pages_keep_ltr_fragments_and_weekday_headers_apart(visitor):
    page = visitor.page
    association = AssociationFactory(
        name="Brücke e.V.", email="kontakt@bruecke.example.org", show_email=True
    )
    staff = UserFactory(is_staff=True, email="redaktion@example.org")
    today = timezone.localdate()
    event = services.event_create(
        by=staff, title="Sprachcafé", first_date=today.replace(day=15), start_time=time(17),
        end_time=time(19), location_kind="address", address="Nordmarkt 1, Dortmund",
    )[0]  # fmt: skip
    services.event_publish(event=event, by=staff)

    # The email address is an isolated left-to-right element inside the Arabic page.
    page.set_viewport_size({"width": 360, "height": 740})
    visitor.goto(f"/ar/vereine/{association.slug}/")
    link = page.locator('main a[href="mailto:kontakt@bruecke.example.org"]')
    style = link.evaluate("a => [getComputedStyle(a).direction, getComputedStyle(a).unicodeBidi]")
    assert style == ["ltr", "isolate"]
    assert link.inner_text() == "kontakt@bruecke.example.org"

    # On a phone the month is a list of days: the weekday row is only for screen readers,
    # each day carries its own full heading.
    visitor.goto("/ar/veranstaltungen/?ansicht=monat")
    head = page.locator("table.month thead").bounding_box()
    assert head["width"] <= 1  # visually hidden, not run together
    assert page.locator("table.month .day-full").first.is_visible()

    # Where the grid shows, the seven Arabic weekday names sit in seven separate cells.
    for width in (800, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        boxes = page.evaluate(HEADER_BOXES)
        assert len(boxes) == 7
        assert overlapping(boxes) == []
        assert [box["fits"] for box in boxes] == [True] * 7, (width, boxes)
