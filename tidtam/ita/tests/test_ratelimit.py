"""The public survey's rate limits: counted per window, and shared between web processes
through Redis when CACHE_URL names one (here the machine's Redis at 127.0.0.1:6379)."""

import os
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from tidtam.ita import ratelimit

REDIS_URL = os.environ.get("TIDTAM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_hits_are_counted_up_to_the_limit():
    key = uuid.uuid4().hex
    assert [ratelimit.hit(key, limit=3) for _i in range(5)] == [True, True, True, False, False]
    assert not ratelimit.allowed(key, limit=3)
    other = uuid.uuid4().hex
    assert ratelimit.allowed(other, limit=1)
    assert ratelimit.allowed(other, limit=1)  # asking does not count


def _redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")


def test_two_web_processes_share_the_count_through_redis():
    _redis_or_skip()
    prefix = f"test-{uuid.uuid4().hex}"
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}  # fmt: skip
    with override_settings(CACHES=caches):
        assert ratelimit.hit("visitor", limit=2)
        assert ratelimit.hit("visitor", limit=2)
        # another process: its own connection to the same Redis
        elsewhere = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
        assert elsewhere.get("ita:rl:visitor") == 2
        elsewhere.incr("ita:rl:visitor")
        assert not ratelimit.hit("visitor", limit=2)
        elsewhere.delete("ita:rl:visitor")
