"""The portal's own limits on what one client may do (applications, event registrations).

Counters live in the default cache, which production shares between all workers and
servers (Redis; the settings refuse to start without it). Who the client is comes from
`client_ip`, which believes `X-Forwarded-For` only as far as `TRUSTED_PROXY_COUNT` says;
allauth's login limits use the same function (see `vmdo_portal.adapters`).
"""

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The address of the client, as seen by the outermost of our trusted proxies.

    Each proxy appends the address it received the request from to `X-Forwarded-For`, so
    with N trusted proxies in front of the app the Nth entry from the right is the one our
    outermost proxy saw. Entries left of it were written by the client and prove nothing.
    Without trusted proxies, or when the header is shorter than expected or malformed,
    `REMOTE_ADDR` it is.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.headers.get("x-forwarded-for", "").split(",")]
    if len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote


def client_key(request) -> str:
    """What a per-client limit counts on: the address, or an IPv6 address's /64 network
    (one household or server holds a whole /64, as allauth's limits assume too)."""
    ip = client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6 and address.ipv4_mapped is not None:
        # ::ffff:192.0.2.1 from a dual-stack socket is the IPv4 client itself; its /64 (::)
        # would put every IPv4 visitor into one count.
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return ip


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt at `key`; True while at most `limit` attempts fell into the window
    of `window` seconds that started with the first one.

    Atomic across processes (`add` then `incr`). If the cache cannot be reached the attempt
    is refused (False): these limits guard other people's inboxes, so they fail closed
    rather than open for whoever can take the cache down. A backend that raises is logged
    here; one that answers like an empty cache while Redis is down (vmdo_portal.cache)
    finds no counter to increment twice, which refuses as well.
    """
    key = f"ratelimit:{key}"
    try:
        for _attempt in range(2):
            cache.add(key, 0, timeout=window)
            try:
                return cache.incr(key) <= limit
            except ValueError:  # the window ended between add and incr: start a new one
                continue
    except Exception:  # any backend's connection error: refuse, don't crash
        logger.warning("Rate limit %s not counted: the cache is unreachable.", key, exc_info=True)
    return False
