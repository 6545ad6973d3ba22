"""Login throttling: after too many failed logins for one account, or from one client address,
logins there are refused for a while, the right password included. Counted in the cache
(``core.ratelimit``); the address honours TRUSTED_PROXIES."""

import datetime as dt
import hashlib

from django.core.cache import cache
from django.utils import timezone

from tidtam.core import ratelimit

WINDOW = 15 * 60  # seconds in which failures are counted
LOCKOUT = 15 * 60  # seconds for which logins are refused once a limit is reached
FAILURES_PER_ACCOUNT = 10
FAILURES_PER_ADDRESS = 100  # an office behind one NAT address shares it


def _limits(request, username: str) -> list[tuple[str, int]]:
    account = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    return [
        (f"login:account:{account}", FAILURES_PER_ACCOUNT),
        (f"login:client:{ratelimit.client_key(request)}", FAILURES_PER_ADDRESS),
    ]


def locked_until(request, username: str) -> dt.datetime | None:
    """When logins for ``username`` from this client may be tried again; None: now."""
    until = [cache.get(f"{key}:locked") for key, _limit in _limits(request, username)]
    return max((moment for moment in until if moment), default=None)


def failed(request, username: str) -> None:
    """Count a failed login; lock the account or the address when it reaches its limit."""
    for key, limit in _limits(request, username):
        if ratelimit.count(key, WINDOW) >= limit:
            cache.set(f"{key}:locked", timezone.now() + dt.timedelta(seconds=LOCKOUT), LOCKOUT)
            ratelimit.reset(key)


def succeeded(request, username: str) -> None:
    """A successful login clears the account's failures (not the address's)."""
    account_key, _limit = _limits(request, username)[0]
    ratelimit.reset(account_key)
