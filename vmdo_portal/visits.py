"""How often each public page is visited, per calendar month, and nothing else.

No personal data: no cookie, no address, no user agent and no referrer is stored or sent
anywhere; a visit is one added to the count of its path (without the language prefix, so
/ar/vereine/x/ and /de/vereine/x/ count together) in its month (local time). Counted: GET
requests answered 200 with an HTML page in any language, page-cache hits included (the
middleware sits above the page cache in settings.MIDDLEWARE). Not counted: the back office,
accounts, dashboards, the translation desk, the network area, media, static files, feeds,
health checks, prefetches, and clients that call themselves bots (or give no name).

On the hot path a visit is one round trip to Redis (a per-month hash, path → count) and no
SQL; while Redis is unreachable visits are not counted and the page answers as ever.
`page_visits_flush` (the `visits_flush` command, run hourly) moves the counts into
`PageVisits` rows by adding, and deletes the months older than KEEP_MONTHS.
Without Redis (development) the counts are kept in the per-process cache.
"""

import logging
import re
import threading
from datetime import date

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from vmdo_portal.models import PageVisits

logger = logging.getLogger(__name__)

KEEP_MONTHS = 12  # the current month and the 11 before it
RECENT_MONTHS = 3  # what "most visited" means for the translation queue
# A month's counts wait in the cache this long after its last visit (the flush runs hourly).
TIMEOUT = 400 * 24 * 3600
MAX_PATH = 300
NOT_COUNTED = ("konto/", "mein-verein/", "uebersetzen/", "netzwerk/", "abmelden/")
BOTS = re.compile(
    r"bot|crawl|spider|slurp|fetch|preview|monitor|scan|check|curl|wget|python|java/|"
    r"go-http|okhttp|headless|lighthouse|axios|node",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^/([a-z]{2,3}(?:-[a-z0-9]+)?)(/.*)$", re.IGNORECASE)


def public_path(path: str) -> str | None:
    """ "/ar/vereine/x/" → "/vereine/x/", "/de/" → "/"; None for a path without a
    language prefix (not a public page)."""
    match = _PREFIX.match(path)
    if match is None or match[1] not in _languages():
        return None
    return match[2]


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def month_of(day: date) -> date:
    return day.replace(day=1)


def months_before(month: date, count: int) -> date:
    """The first day of the month `count` months before `month`."""
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def _key(month: date) -> str:
    return f"visits:{month:%Y-%m}"


# -- where the counts wait: a Redis hash per month, or the per-process cache ------------


class _LocalCounts:
    """For caches without hashes (development's per-process cache): a dict per month
    under a process lock — atomic for a per-process cache, all that one needs."""

    _lock = threading.Lock()

    def __init__(self, cache):
        self.cache = cache

    def hash_incr(self, key, field, timeout) -> bool:
        return self.hash_add(key, {field: 1}, timeout)

    def hash_add(self, key, counts, timeout) -> bool:
        with self._lock:
            found = self.cache.get(key, {})
            for field, delta in counts.items():
                found[field] = found.get(field, 0) + delta
                if not found[field]:
                    del found[field]
            self.cache.set(key, found, timeout)
        return True

    def hash_get(self, key):
        return dict(self.cache.get(key, {}))


def _counts():
    cache = caches["default"]
    return cache if hasattr(cache, "hash_incr") else _LocalCounts(cache)


# -- counting ----------------------------------------------------------------------------


def counted_path(request, response) -> str | None:
    """The path a visit counts for, or None if this request is not a counted visit."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    agent = request.headers.get("User-Agent", "")
    if not agent or BOTS.search(agent):
        return None
    if "prefetch" in request.headers.get("Sec-Purpose", request.headers.get("Purpose", "")):
        return None
    path = public_path(request.path)
    if path is None or len(path) > MAX_PATH or path.lstrip("/").startswith(NOT_COUNTED):
        return None
    return path


def visit_count(path: str) -> None:
    """One more visit of `path` in this month; silently nothing if the cache fails."""
    try:
        _counts().hash_incr(_key(month_of(timezone.localdate())), path, TIMEOUT)
    except Exception:  # a count is never worth a failed page
        logger.warning("A page visit could not be counted.", exc_info=True)


def visit_counter(get_response):
    """Middleware: counts visits of public pages (above the page cache, so hits count)."""

    def middleware(request):
        response = get_response(request)
        path = counted_path(request, response)
        if path is not None:
            visit_count(path)
        return response

    return middleware


# -- into the database -------------------------------------------------------------------


def _add_to_database(month: date, counts: dict[str, int]) -> None:
    with transaction.atomic():
        rows = {
            row.path: row
            for row in PageVisits.objects.select_for_update().filter(
                month=month, path__in=list(counts)
            )
        }
        for path, count in counts.items():
            if path in rows:
                rows[path].count += count
        PageVisits.objects.bulk_update(rows.values(), ["count"])
        PageVisits.objects.bulk_create(
            [
                PageVisits(path=path, month=month, count=count)
                for path, count in counts.items()
                if path not in rows
            ]
        )


def page_visits_flush(*, today: date | None = None) -> tuple[int, int]:
    """Moves the waiting counts of the last KEEP_MONTHS months into PageVisits (by adding)
    and deletes older months' rows; returns (visits added, rows deleted). Safe to repeat:
    what was added is taken from the cache first, so a second run adds nothing. Run one at
    a time. If the cache fails, counts stay there for the next run; if the database fails,
    they are given back."""
    current = month_of(today or timezone.localdate())
    counts_store, added = _counts(), 0
    for back in range(KEEP_MONTHS - 1, -1, -1):
        month = months_before(current, back)
        waiting = counts_store.hash_get(_key(month)) or {}
        counts = {path: count for path, count in waiting.items() if count > 0}
        if not counts:
            continue
        taken = {path: -count for path, count in counts.items()}
        if not counts_store.hash_add(_key(month), taken, TIMEOUT):
            continue  # not taken: they stay for the next run
        try:
            _add_to_database(month, counts)
        except Exception:
            counts_store.hash_add(_key(month), counts, TIMEOUT)
            raise
        added += sum(counts.values())
    oldest = months_before(current, KEEP_MONTHS - 1)
    deleted, _details = PageVisits.objects.filter(month__lt=oldest).delete()
    return added, deleted


# -- reading -----------------------------------------------------------------------------


def recent_visits(paths, *, months: int = RECENT_MONTHS, today: date | None = None) -> dict:
    """{path: visits in the current month and the `months` - 1 before it} for `paths`
    (public paths, without language prefix; unknown ones are left out). One query."""
    paths = {path for path in paths if path}
    if not paths:
        return {}
    since = months_before(month_of(today or timezone.localdate()), months - 1)
    rows = (
        PageVisits.objects.filter(path__in=paths, month__gte=since)
        .values("path")
        .annotate(total=Sum("count"))
        .values_list("path", "total")
    )
    return dict(rows)
