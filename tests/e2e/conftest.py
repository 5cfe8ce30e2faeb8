"""Browser journeys: Playwright driving Debian's Chromium against a live portal.

Nothing is downloaded: the browser is /usr/bin/chromium, axe-core comes bundled in
axe-playwright-python. Outside CI a missing Chromium skips these tests with a reason;
under CI (CI=true) it is a failure.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

from tests.conftest import restore_reference_data

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself (creating users, reading the outbox) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: browser tests must run in CI.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def portal(live_server, transactional_db):
    # Live-server tests commit and the database is emptied after each one; the
    # reference data the migrations create comes back here.
    restore_reference_data()
    return live_server


class Visitor:
    """A browser tab that checks every page it sees with axe-core and watches its requests."""

    def __init__(self, page, base_url):
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.base_url = base_url
        self.own_host = urlsplit(base_url).netloc
        self.axe = Axe()
        self.foreign_requests = []
        self.console_errors = []
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != self.own_host:
            self.foreign_requests.append(request.url)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def check(self):
        """Run axe-core on the page as it is now: any WCAG 2.1 A/AA violation fails."""
        self.page.wait_for_load_state("load")
        result = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert result.violations_count == 0, (
            f"axe-core on {self.page.url}:\n{result.generate_report()}"
        )


@pytest.fixture
def visitor(browser, portal):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    visitor = Visitor(context.new_page(), portal.url)
    yield visitor
    context.close()
    assert visitor.foreign_requests == [], "pages requested other hosts"
    assert visitor.console_errors == [], "the browser reported errors (CSP violations?)"
