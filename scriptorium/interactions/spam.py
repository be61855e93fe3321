"""The comment spam check, now shared by every app: see :mod:`scriptorium.core.spam`.

This module names the same classes so that settings and backends written for
``scriptorium.interactions.spam.HeuristicSpamCheck`` (or subclassing ``scriptorium.interactions.spam.SpamCheck``)
keep working.
"""

from __future__ import annotations

from scriptorium.core.spam import (
    DEFAULT_BACKEND,
    HeuristicSpamCheck,
    SpamCandidate,
    SpamCheck,
    SpamKind,
    SpamResult,
    Verdict,
    spam_check,
)

__all__ = [
    "DEFAULT_BACKEND",
    "HeuristicSpamCheck",
    "SpamCandidate",
    "SpamCheck",
    "SpamKind",
    "SpamResult",
    "Verdict",
    "spam_check",
]
