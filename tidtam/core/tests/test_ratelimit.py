"""Rate limits (the login, the public survey): counted per window, and shared between web processes
through Redis when CACHE_URL names one (here the machine's Redis at 127.0.0.1:6379)."""

import os
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from tidtam.core import ratelimit

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
        assert elsewhere.get("rl:visitor") == 2
        elsewhere.incr("rl:visitor")
        assert not ratelimit.hit("visitor", limit=2)
        elsewhere.delete("rl:visitor")


def _request(remote: str, forwarded: str | None = None):
    from django.test import RequestFactory

    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_the_client_is_the_connection_unless_it_is_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = []
    assert ratelimit.client_address(_request("127.0.0.1", "203.0.113.5")) == "127.0.0.1"
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert ratelimit.client_address(_request("198.51.100.1", "203.0.113.5")) == "198.51.100.1"
    assert ratelimit.client_address(_request("127.0.0.1", "203.0.113.5")) == "203.0.113.5"
    # a client's own X-Forwarded-For is left of what the proxies appended: not believed
    spoofed = _request("127.0.0.1", "1.2.3.4, 203.0.113.5, 10.1.2.3")
    assert ratelimit.client_address(spoofed) == "203.0.113.5"
    assert ratelimit.client_address(_request("127.0.0.1")) == "127.0.0.1"
    assert ratelimit.client_address(_request("127.0.0.1", "not-an-address")) == "not-an-address"
    assert ratelimit.client_key(_request("127.0.0.1", "203.0.113.5")) == ratelimit.client_key(
        _request("10.9.9.9", "203.0.113.5")
    )
