"""Rate limits moved to :mod:`scriptorium.core.ratelimit` (works use them too); the same names, from here."""

from __future__ import annotations

from scriptorium.core.ratelimit import (
    DEFAULT_LIMITS,
    Rate,
    RateLimited,
    parse_rate,
    rate_for,
    rate_limit_hit,
    rate_limit_reset,
)

__all__ = ["DEFAULT_LIMITS", "Rate", "RateLimited", "parse_rate", "rate_for", "rate_limit_hit", "rate_limit_reset"]
