"""Rate limits in the cache: at most N actions per period, per account or per guest (by hashed address).

Limits come from ``settings.SCRIPTORIUM_RATE_LIMITS`` as "<count>/<period>", where the period is s, m, h, d or
a number of seconds: ``{"comment_account": "3/m", "comment_guest": "1/m"}`` are the defaults. Fixed windows
(the count starts again at the top of each period) keep it to two cache operations per action.

New accounts (younger than ``settings.SCRIPTORIUM_NEW_ACCOUNT_DAYS`` days) have limits of their own on posting
works and comments (``new_account_work``, ``new_account_comment``), asked by the works and comment services
through :func:`new_account_limit_check`; staff are exempt.
"""

from __future__ import annotations

import datetime
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

DEFAULT_LIMITS = {
    "comment_account": "3/m",
    "comment_guest": "1/m",
    "new_account_work": "3/h",
    "new_account_comment": "10/h",
    "account_delete": "5/900",  # attempts to delete one's account (wrong passwords and codes run it out)
}
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


#: What a new account posts, per scope: (one, several) for the message.
_NEW_ACCOUNT_WHAT = {"new_account_work": ("work", "works"), "new_account_comment": ("comment", "comments")}


def _per(seconds: int) -> str:
    return {60: "a minute", 3600: "an hour", 86400: "a day"}.get(seconds, f"every {seconds} seconds")


def is_new_account(actor: object) -> bool:
    """An account younger than ``SCRIPTORIUM_NEW_ACCOUNT_DAYS`` days, not staff nor the archive's own (the import
    account, which the operator's imports post as); guests are not accounts."""
    if not getattr(actor, "is_authenticated", False) or actor.is_staff or actor.is_superuser:
        return False
    if getattr(actor, "is_system", False):
        return False
    days = getattr(settings, "SCRIPTORIUM_NEW_ACCOUNT_DAYS", 7)
    if days <= 0 or actor.date_joined is None:
        return False
    return timezone.now() - actor.date_joined < datetime.timedelta(days=days)


def new_account_limit_check(actor: object, scope: str) -> None:
    """Count one work (``scope="new_account_work"``) or comment (``"new_account_comment"``) posted by a new
    account; over the limit, a ``ValidationError`` saying when it may post again (nothing is counted)."""
    if not is_new_account(actor):
        return
    try:
        rate_limit_hit(scope, str(actor.pk))
    except RateLimited as exc:
        rate = rate_for(scope)
        one, several = _NEW_ACCOUNT_WHAT[scope]
        at = timezone.localtime(timezone.now() + datetime.timedelta(seconds=exc.retry_after))
        minutes = max(1, math.ceil(exc.retry_after / 60))
        days = settings.SCRIPTORIUM_NEW_ACCOUNT_DAYS
        raise ValidationError(
            f"New accounts may post at most {rate.count} {one if rate.count == 1 else several} {_per(rate.seconds)} "
            f"during their first {days} day{'s' if days != 1 else ''}. You can post again at {at:%H:%M} "
            f"(in {minutes} minute{'s' if minutes != 1 else ''}); nothing was posted.",
            code="new_account_limit",
        ) from None
