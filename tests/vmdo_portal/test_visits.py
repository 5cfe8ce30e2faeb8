"""Visit counts of public pages: per path (languages together) and month, page-cache hits
included, nothing private, no SQL on the way; moved into the database by adding."""

import shutil
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import AssociationFactory, UserFactory
from tests.production.servers import Processes, free_port
from vmdo_portal.models import PageVisits
from vmdo_portal.visits import month_of, page_visits_flush, public_path, recent_visits

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def browser():
    return Client(headers={"User-Agent": BROWSER})


@pytest.fixture
def association():
    return AssociationFactory(name="Kulturbrücke", slug="kulturbruecke")


def flushed() -> dict:
    """Moves the waiting counts into the database; {path: count} of this month."""
    page_visits_flush()
    this_month = month_of(timezone.localdate())
    return dict(PageVisits.objects.filter(month=this_month).values_list("path", "count"))


def test_languages_count_together_per_path(browser, association):
    for path in ["/de/vereine/kulturbruecke/", "/ar/vereine/kulturbruecke/", "/de/vereine/"]:
        assert browser.get(path).status_code == 200
    assert browser.get("/tr/vereine/kulturbruecke/").status_code == 200
    assert browser.get("/de/").status_code == 200
    assert flushed() == {"/vereine/kulturbruecke/": 3, "/vereine/": 1, "/": 1}


def test_page_cache_hits_are_counted_without_a_query(
    browser, association, django_assert_num_queries
):
    assert browser.get("/de/vereine/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = browser.get("/de/vereine/")
    assert response["X-Page-Cache"] == "hit"
    assert flushed() == {"/vereine/": 2}


def test_counting_adds_no_query_to_a_rendered_page(association, settings):
    """Signed in, so never from the page cache: the same queries with and without the
    counter."""
    queries = []
    for middleware in [
        settings.MIDDLEWARE,
        [name for name in settings.MIDDLEWARE if name != "vmdo_portal.visits.visit_counter"],
    ]:
        settings.MIDDLEWARE = middleware
        browser = Client(headers={"User-Agent": BROWSER})
        browser.force_login(UserFactory())
        browser.get("/de/vereine/kulturbruecke/")  # warm-up (content types, session)
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/de/vereine/kulturbruecke/").status_code == 200
        queries.append(len(captured.captured_queries))
    assert queries[0] == queries[1]
    assert flushed() == {"/vereine/kulturbruecke/": 2}


def test_private_pages_bots_and_other_requests_are_not_counted(browser, association):
    member = Client(headers={"User-Agent": BROWSER})
    member.force_login(UserFactory())
    answers = [
        browser.get("/de/konto/login/").status_code,
        member.get("/de/mein-verein/").status_code,
        member.get("/de/konto/meine-daten/").status_code,
        browser.get("/healthz").status_code,
        browser.get("/robots.txt").status_code,
        browser.get("/sitemap.xml").status_code,
        browser.get("/de/veranstaltungen/feed.ics").status_code,  # not a page
        browser.head("/de/vereine/").status_code,
        browser.get("/de/vereine/", headers={"Sec-Purpose": "prefetch"}).status_code,
        Client().get("/de/vereine/").status_code,  # no user agent
        Client(headers={"User-Agent": "Googlebot/2.1"}).get("/de/vereine/").status_code,
        Client(headers={"User-Agent": "curl/8.5.0"}).get("/de/vereine/").status_code,
    ]
    assert answers == [200] * len(answers)
    assert flushed() == {}


def test_answers_other_than_200_are_not_counted(browser, association):
    assert browser.get("/de/vereine/gibt-es-nicht/").status_code == 404
    assert browser.get("/de/vereine").status_code == 301
    assert browser.get("/vereine/").status_code == 302
    assert browser.post("/de/vereine/").status_code == 405
    assert flushed() == {}


def test_public_path_drops_the_language_prefix():
    assert [
        public_path(path)
        for path in ["/de/", "/fa/vereine/x/", "/verwaltung/", "/xx/vereine/", "/healthz"]
    ] == ["/", "/vereine/x/", None, None, None]


def test_a_flush_adds_and_a_second_adds_nothing(browser, association):
    this_month = month_of(timezone.localdate())
    PageVisits.objects.create(path="/vereine/", month=this_month, count=40)
    browser.get("/de/vereine/")
    browser.get("/uk/vereine/")
    assert page_visits_flush() == (2, 0)
    assert page_visits_flush() == (0, 0)
    assert list(PageVisits.objects.values_list("path", "month", "count")) == [
        ("/vereine/", this_month, 42)
    ]
    browser.get("/pl/vereine/")
    assert page_visits_flush() == (1, 0)
    assert PageVisits.objects.get().count == 43


def test_a_flush_deletes_months_older_than_twelve_months():
    for month in [date(2024, 6, 1), date(2024, 7, 1), date(2025, 6, 1)]:
        PageVisits.objects.create(path="/vereine/", month=month, count=5)
    assert page_visits_flush(today=date(2025, 6, 30)) == (0, 1)
    assert sorted(PageVisits.objects.values_list("month", flat=True)) == [
        date(2024, 7, 1),
        date(2025, 6, 1),
    ]


def test_recent_visits_sum_the_last_three_months():
    for month, count in [(date(2025, 3, 1), 100), (date(2025, 4, 1), 3), (date(2025, 6, 1), 4)]:
        PageVisits.objects.create(path="/vereine/x/", month=month, count=count)
    PageVisits.objects.create(path="/projekte/", month=date(2025, 6, 1), count=9)
    assert recent_visits(["/vereine/x/", "/vereine/y/"], today=date(2025, 6, 2)) == {
        "/vereine/x/": 7
    }


def redis_cache(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "vmdo_portal.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_with_redis_a_visit_is_one_hash_count(browser, association, settings):
    import redis as redis_client

    with Processes() as processes:
        server = processes.redis()
        settings.CACHES = redis_cache(server.url)
        assert browser.get("/de/vereine/")["X-Page-Cache"] == "miss"
        assert browser.get("/ar/vereine/")["X-Page-Cache"] == "miss"
        assert browser.get("/de/vereine/")["X-Page-Cache"] == "hit"
        admin = redis_client.Redis(port=server.port)
        key = f":1:visits:{month_of(timezone.localdate()):%Y-%m}"
        assert admin.hgetall(key) == {b"/vereine/": b"3"}
        assert flushed() == {"/vereine/": 3}
        assert admin.exists(key) == 0  # taken: a second flush adds nothing
        assert page_visits_flush() == (0, 0)
        admin.close()


def test_pages_answer_and_nothing_is_counted_while_redis_is_down(browser, association, settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{free_port()}/0")
    assert browser.get("/de/vereine/").status_code == 200
    assert browser.get("/de/vereine/kulturbruecke/").status_code == 200
    assert flushed() == {}
