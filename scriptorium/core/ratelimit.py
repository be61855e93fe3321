"""Rate limits in the cache: at most N actions per period, per account or per guest (by hashed address).

Limits come from ``settings.SCRIPTORIUM_RATE_LIMITS`` as "<count>/<period>", where the period is s, m, h, d or
a number of seconds: ``{"comment_account": "3/m", "comment_guest": "1/m"}`` are the defaults. Fixed windows
(the count starts again at the top of each period) keep it to two cache operations per action.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = {"comment_account": "3/m", "comment_guest": "1/m"}
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


class RateLimited(Exception):
    """Raised when an action is over its limit; ``retry_after`` is in seconds."""

    def __init__(self, scope: str, retry_after: int) -> None:
        super().__init__(f"{scope}: over the limit, retry in {retry_after} s")
        self.scope = scope
        self.retry_after = retry_after


def parse_rate(text: str) -> Rate | None:
    """ "3/m" → 3 per 60 s; "10/300" → 10 per 300 s; "" or "0/m" → no limit (None)."""
    text = text.strip()
    if not text:
        return None
    count_text, _, period = text.partition("/")
    count = int(count_text)
    period = period.strip() or "m"
    seconds = _UNITS[period] if period in _UNITS else int(period)
    if count <= 0 or seconds <= 0:
        return None
    return Rate(count=count, seconds=seconds)


def rate_for(scope: str) -> Rate | None:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "SCRIPTORIUM_RATE_LIMITS", {})}
    return parse_rate(limits.get(scope, ""))


def rate_limit_hit(scope: str, ident: str, *, now: float | None = None) -> None:
    """Count one action by ``ident`` in ``scope``; raise ``RateLimited`` (without counting) when over."""
    rate = rate_for(scope)
    if rate is None:
        return
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = f"ratelimit:{scope}:{ident}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # the key expired between add and incr: a new window has begun
        cache.add(key, 0, timeout=rate.seconds + 1)
        used = cache.incr(key)
    if used > rate.count:
        cache.decr(key)
        retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
        raise RateLimited(scope, retry_after)


def rate_limit_reset(scope: str, ident: str) -> None:
    """Forget ``ident``'s count in the current window (tests and staff tools)."""
    rate = rate_for(scope)
    if rate is not None:
        cache.delete(f"ratelimit:{scope}:{ident}:{int(time.time() // rate.seconds)}")
