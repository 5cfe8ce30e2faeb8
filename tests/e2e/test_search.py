"""A Turkish visitor on a phone searches from the header and lands on the results."""

from members import demo
from tests.e2e.conftest import Visitor

FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_header_search_on_a_phone_in_turkish(browser, portal):
    demo.seed(users={})
    context = browser.new_context(locale="tr-TR", viewport={"width": 360, "height": 740})
    try:
        visitor = Visitor(context.new_page(), portal.url)
        visitor.goto("/tr/")
        page = visitor.page
        assert page.evaluate(FITS)
        field = page.locator("header form[role=search] input[type=search]")
        field.fill("tuerkisch")
        field.press("Enter")
        page.wait_for_url("**/tr/suche/?q=tuerkisch")
        visitor.check()
        assert page.evaluate(FITS)
        first = page.locator(".search-results > li").first
        assert first.inner_text().startswith("Dersim Gemeinde Bochum e.V.")
        box = first.bounding_box()
        assert box["y"] + box["height"] <= 740, "the first result is below the first screen"
        # Nothing found: a helpful message, still clean; and the header fits 320 px.
        page.set_viewport_size({"width": 320, "height": 640})
        visitor.goto("/tr/suche/?q=xqzvw")
        assert page.locator(".search-empty a").count() == 4
        assert page.evaluate(FITS)
    finally:
        context.close()
    assert visitor.foreign_requests == []
    assert visitor.console_errors == []
