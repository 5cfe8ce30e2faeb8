"""A Redis cache that the portal survives losing.

While Redis is unreachable, the cache behaves like an empty one that forgets every write
at once: reads miss, writes and deletes do nothing, counters are missing. So
pages render uncached, sessions (`cached_db`) come from PostgreSQL, and rate limits that
count in the cache let requests through (the reason is in docs/deploy.md, "When Redis or
PostgreSQL fail"). After a failure the process leaves Redis alone for RETRY_SECONDS
(one warning, not one per request), then tries again.

When Redis answers again, this process first empties the portal's Redis database:
whatever was written or deleted during the outage is missing there (a logout, a
changed page), and old entries must not come back to life.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 5.0
_MISSING = object()

# Per process and Redis address: monotonic time until which Redis is left alone, or None.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


class _Client(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._location = ",".join(servers)

    def reachable(self) -> bool:
        """Asks Redis now (also while left alone); recovers from an outage if it answers."""
        return self._call(lambda: self.get_client(write=True).ping(), False, forced=True)

    def _call(self, operation, fallback, *, forced=False):
        down_until = _down_until.get(self._location)
        now = time.monotonic()
        if down_until is not None and now < down_until and not forced:
            return fallback
        try:
            if down_until is not None:
                # Back after an outage: forget what may have gone stale meanwhile.
                super().clear()
                _down_until.pop(self._location, None)
                logger.warning("The cache answers again; its entries were cleared.")
            return operation()
        except UNREACHABLE as error:
            with _lock:
                _down_until[self._location] = now + RETRY_SECONDS
            logger.warning(
                "The cache is unreachable (%s); the portal works without it for %d s.",
                error,
                RETRY_SECONDS,
            )
            return fallback

    def add(self, key, value, timeout):
        return self._call(lambda: super(_Client, self).add(key, value, timeout), True)

    def get(self, key, default):
        return self._call(lambda: super(_Client, self).get(key, default), default)

    def set(self, key, value, timeout):
        return self._call(lambda: super(_Client, self).set(key, value, timeout), None)

    def touch(self, key, timeout):
        return self._call(lambda: super(_Client, self).touch(key, timeout), False)

    def delete(self, key):
        return self._call(lambda: super(_Client, self).delete(key), False)

    def get_many(self, keys):
        return self._call(lambda: super(_Client, self).get_many(keys), {})

    def has_key(self, key):
        return self._call(lambda: super(_Client, self).has_key(key), False)

    def incr(self, key, delta):
        # Like an empty cache: the key is missing. Counters that need it refuse or start over.
        result = self._call(lambda: super(_Client, self).incr(key, delta), _MISSING)
        if result is _MISSING:
            raise ValueError(f"Key {key!r} not found (the cache is unreachable)")
        return result

    def set_many(self, data, timeout):
        return self._call(lambda: super(_Client, self).set_many(data, timeout), [])

    def delete_many(self, keys):
        return self._call(lambda: super(_Client, self).delete_many(keys), None)

    def clear(self):
        return self._call(lambda: super(_Client, self).clear(), False)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering like an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client

    def reachable(self) -> bool:
        return self._cache.reachable()


def cache_reachable(cache) -> bool:
    """For /healthz/ready: does the cache store and return a value right now?"""
    reachable = getattr(cache, "reachable", None)  # `cache` may be Django's proxy
    if reachable is not None:
        return reachable()
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"
