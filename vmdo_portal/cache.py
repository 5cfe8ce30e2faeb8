"""A Redis cache that the portal survives losing.

While Redis is unreachable, the cache behaves like an empty one that forgets every write
at once: reads miss, writes and deletes do nothing, counters are missing. So pages render
uncached and sessions (`cached_db`) come from PostgreSQL. Rate limits: allauth's login
limits read an empty count and let attempts through, the portal's own limits
(vmdo_portal.ratelimit) find no counter and refuse (docs/deploy.md, "When Redis or
PostgreSQL fail"). After a failure the process leaves Redis alone for RETRY_SECONDS (one
warning, not one per request), then tries again.

Every key this process could not write or delete meanwhile (a logged-out session, the
page-cache version a content change could not bump) may hold a stale value in Redis when
it answers again: the process deletes exactly those keys before anything else, so old
entries cannot come back to life, while everyone else's entries and counters stay. If
more than MAX_REMEMBERED keys were missed, it empties the portal's Redis database instead.
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

MAX_REMEMBERED = 10_000

# hash_add in one step: HINCRBY each field, drop the fields that reach 0, keep the hash
# ARGV[1] seconds. ARGV: timeout, field, delta, field, delta, ...
_HASH_ADD = """
for i = 2, #ARGV, 2 do
  if redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) == 0 then
    redis.call('HDEL', KEYS[1], ARGV[i])
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return 1
"""

# Per process and Redis address: monotonic time until which Redis is left alone, or None,
# and the keys whose write or delete did not reach Redis since it was first missed.
_down_until: dict[str, float] = {}
_missed: dict[str, set[str] | None] = {}  # None: too many to remember
_lock = threading.Lock()


class _Client(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._location = ",".join(servers)

    def reachable(self) -> bool:
        """Asks Redis now (also while left alone); recovers from an outage if it answers."""
        return self._call(lambda: self.get_client(write=True).ping(), False, forced=True)

    def _remember(self, keys) -> None:
        with _lock:
            missed = _missed.setdefault(self._location, set())
            if missed is not None:
                missed.update(keys)
                if len(missed) > MAX_REMEMBERED:
                    _missed[self._location] = None

    def _recover(self) -> None:
        """Back after an outage: delete what may have gone stale meanwhile."""
        with _lock:
            missed = _missed.get(self._location, set())
            missed = None if missed is None else set(missed)
        if missed is None:
            super().clear()
            logger.warning("The cache answers again; its entries were cleared.")
        else:
            if missed:
                super().delete_many(list(missed))
            logger.warning(
                "The cache answers again; %d entries written meanwhile were removed.",
                len(missed),
            )
        with _lock:  # only now: if Redis failed again meanwhile, they are still missed
            _missed.pop(self._location, None)

    def _call(self, operation, fallback, *, forced=False, writes=()):
        down_until = _down_until.get(self._location)
        now = time.monotonic()
        if down_until is not None and now < down_until and not forced:
            self._remember(writes)
            return fallback
        try:
            if down_until is not None:
                self._recover()
                _down_until.pop(self._location, None)
            return operation()
        except UNREACHABLE as error:
            self._remember(writes)
            with _lock:
                _down_until[self._location] = now + RETRY_SECONDS
            logger.warning(
                "The cache is unreachable (%s); the portal works without it for %d s.",
                error,
                RETRY_SECONDS,
            )
            return fallback

    def add(self, key, value, timeout):
        return self._call(lambda: super(_Client, self).add(key, value, timeout), True, writes=[key])

    def get(self, key, default):
        return self._call(lambda: super(_Client, self).get(key, default), default)

    def set(self, key, value, timeout):
        return self._call(lambda: super(_Client, self).set(key, value, timeout), None, writes=[key])

    def touch(self, key, timeout):
        return self._call(lambda: super(_Client, self).touch(key, timeout), False, writes=[key])

    def delete(self, key):
        return self._call(lambda: super(_Client, self).delete(key), False, writes=[key])

    def get_many(self, keys):
        return self._call(lambda: super(_Client, self).get_many(keys), {})

    def has_key(self, key):
        return self._call(lambda: super(_Client, self).has_key(key), False)

    def incr(self, key, delta):
        # Like an empty cache: the key is missing. Counters that need it refuse or start over.
        result = self._call(lambda: super(_Client, self).incr(key, delta), _MISSING, writes=[key])
        if result is _MISSING:
            raise ValueError(f"Key {key!r} not found (the cache is unreachable)")
        return result

    def set_many(self, data, timeout):
        return self._call(
            lambda: super(_Client, self).set_many(data, timeout), [], writes=list(data)
        )

    def delete_many(self, keys):
        return self._call(lambda: super(_Client, self).delete_many(keys), None, writes=list(keys))

    # Counters in a Redis hash (vmdo_portal.visits). A count that does not reach Redis is
    # lost, not remembered: it leaves nothing stale, and the hash must outlive an outage.

    def hash_incr(self, key, field, timeout) -> bool:
        """Adds 1 to `field` of the hash `key`, which lives `timeout` seconds after its last
        count: one round trip. False when Redis is unreachable."""

        def operation():
            pipeline = self.get_client(key, write=True).pipeline(transaction=False)
            pipeline.hincrby(key, field, 1)
            pipeline.expire(key, timeout)
            pipeline.execute()
            return True

        return self._call(operation, False)

    def hash_add(self, key, counts, timeout) -> bool:
        """Adds each of `counts` ({field: delta}, deltas may be negative) at once; a field
        that reaches 0 is removed. False when Redis is unreachable (nothing was added)."""

        def operation():
            client = self.get_client(key, write=True)
            arguments = [timeout]
            for field, delta in counts.items():
                arguments += [field, int(delta)]
            client.eval(_HASH_ADD, 1, key, *arguments)
            return True

        return self._call(operation, False)

    def hash_get(self, key):
        """{field: count} of the hash `key` ({} if there is none); None when Redis is
        unreachable."""

        def operation():
            found = self.get_client(key).hgetall(key)
            return {field.decode(): int(count) for field, count in found.items()}

        return self._call(operation, None)

    def clear(self):
        cleared = self._call(lambda: super(_Client, self).clear(), _MISSING)
        if cleared is _MISSING:  # everything may be stale: empty it when Redis is back
            with _lock:
                _missed[self._location] = None
            return False
        return cleared


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering like an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client

    def hash_incr(self, key, field, timeout) -> bool:
        return self._cache.hash_incr(self.make_and_validate_key(key), field, timeout)

    def hash_add(self, key, counts, timeout) -> bool:
        return self._cache.hash_add(self.make_and_validate_key(key), counts, timeout)

    def hash_get(self, key):
        return self._cache.hash_get(self.make_and_validate_key(key))

    def reachable(self) -> bool:
        return self._cache.reachable()


def cache_reachable(cache) -> bool:
    """For /healthz/ready: does the cache store and return a value right now?"""
    reachable = getattr(cache, "reachable", None)  # `cache` may be Django's proxy
    if reachable is not None:
        return reachable()
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"
