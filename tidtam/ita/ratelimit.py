"""Fixed-window rate limits in the cache: nothing about the visitor reaches the database
(the client key is a salted hash of the address, kept only in the cache)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR = 3600


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def hit(key: str, limit: int, window: int = HOUR) -> bool:
    """Count one hit; False when the key has used up its ``limit`` in this window."""
    full = f"ita:rl:{key}"
    cache.add(full, 0, window)
    try:
        count = cache.incr(full)
    except ValueError:  # expired between add and incr
        cache.set(full, 1, window)
        count = 1
    return count <= limit
