"""Fixed-window rate limits in the cache: nothing about the visitor reaches the database
(the client key is a salted hash of the address, kept only in the cache)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR = 3600


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def count(key: str, window: int = HOUR) -> int:
    """Count one hit of ``key`` in the current window and return the window's total."""
    full = f"ita:rl:{key}"
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
    return (cache.get(f"ita:rl:{key}") or 0) < limit
