"""Writers that wait their turn: one more try, later, for a write SQLite refused as "database is locked".

The settings make SQLite writers queue (IMMEDIATE transactions wait up to the busy timeout for the write lock),
so a lock error reaches Python only when a writer waited longer than that. Long jobs (a ZIP import of thousands
of files, the import jobs' task) should not stop for it: :func:`retry_when_locked` waits a little and tries the
same step again, a few times, longer each time. Only outside a transaction: inside one, the caller's whole
transaction has to start again, so the error goes up at once.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

logger = logging.getLogger(__name__)

#: How many times a step is tried in all, and the first pause between tries (doubled each time, with jitter).
ATTEMPTS = 4
FIRST_PAUSE = 0.5

_LOCK_WORDS = ("database is locked", "database table is locked", "database is busy")


def is_lock_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the database refusing a write because another writer held the lock too long."""
    return isinstance(exc, OperationalError) and any(word in str(exc).lower() for word in _LOCK_WORDS)


def retry_when_locked[T](
    step: Callable[[], T],
    *,
    attempts: int | None = None,
    first_pause: float | None = None,
    using: str = DEFAULT_DB_ALIAS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``step()``, tried again after a pause (``first_pause``, then twice as long each time, ±25 %) when the
    database answers that it is locked, up to ``attempts`` tries in all (default :data:`ATTEMPTS`, first pause
    :data:`FIRST_PAUSE`); the last lock error is raised. ``step`` must be safe to run again after a failed try:
    one transaction of its own, or only reads."""
    attempts = attempts or ATTEMPTS
    first_pause = FIRST_PAUSE if first_pause is None else first_pause
    for attempt in range(1, attempts + 1):
        try:
            return step()
        except OperationalError as exc:
            if not is_lock_error(exc) or attempt == attempts or connections[using].in_atomic_block:
                raise
            pause = first_pause * 2 ** (attempt - 1) * random.uniform(0.75, 1.25)
            logger.warning("The database was busy (%s); trying again in %.1f s", exc, pause)
            sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover
