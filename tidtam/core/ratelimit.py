"""Fixed-window rate limits in the cache, for the login and the public survey: nothing about
the visitor reaches the database (the client key is a salted hash of the address, kept only
in the cache). With several web processes set CACHE_URL, so that they share the counts."""

import hashlib
from ipaddress import ip_address, ip_network

from django.conf import settings
from django.core.cache import cache

HOUR = 3600


def client_address(request) -> str:
    """The client's address: the connection's, unless it comes from one of TRUSTED_PROXIES;
    then the last address in X-Forwarded-For that is not a trusted proxy (each proxy appends
    the address it received the request from, so the ones left of it are the client's word)."""
    address = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(address):
        return address
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    for hop in reversed(hops):
        if not _is_trusted_proxy(hop):
            return hop
    return hops[0] if hops else address


def _is_trusted_proxy(address: str) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES)


def client_key(request) -> str:
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def count(key: str, window: int = HOUR) -> int:
    """Count one hit of ``key`` in the current window and return the window's total."""
    full = f"rl:{key}"
    cache.add(full, 0, window)
    try:
        return cache.incr(full)
    except ValueError:  # expired between add and incr
        cache.set(full, 1, window)
        return 1


def hit(key: str, limit: int, window: int = HOUR) -> bool:
    """Count one hit; False when the key has used up its ``limit`` in this window."""
    return count(key, window) <= limit


def allowed(key: str, limit: int) -> bool:
    """Whether ``key`` is still under ``limit`` in this window, without counting a hit."""
    return (cache.get(f"rl:{key}") or 0) < limit


def reset(key: str) -> None:
    """Forget the hits of ``key``."""
    cache.delete(f"rl:{key}")
