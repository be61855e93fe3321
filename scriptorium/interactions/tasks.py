"""Background work: flushing the buffered hits, on a schedule that renews itself.

``scriptorium hits flush --schedule`` enqueues ``hits_flush_task`` once; each run flushes and enqueues the next
one ``SCRIPTORIUM_HITS_FLUSH_SECONDS`` later (the database backend supports running tasks later), so the
worker (``scriptorium db_worker``) keeps flushing. A cache key stops a second chain from starting. Useful with a
shared cache (Redis); with the per-process memory cache each server process flushes its own hits instead.
"""

from __future__ import annotations

import datetime
import logging

from django.core.cache import cache
from django.tasks import default_task_backend, task
from django.utils import timezone

from scriptorium.interactions.hits import flush_interval, hits_flush

logger = logging.getLogger(__name__)
SCHEDULE_KEY = "hits:flush-scheduled"


def schedule_next_flush(*, force: bool = False) -> bool:
    """Enqueue the next periodic flush unless one is already due; answer whether one was enqueued."""
    interval = flush_interval()
    if interval <= 0 or not default_task_backend.supports_defer:
        return False
    if not cache.add(SCHEDULE_KEY, 1, timeout=max(1, interval - 1)) and not force:
        return False
    run_after = timezone.now() + datetime.timedelta(seconds=interval)
    hits_flush_task.using(run_after=run_after).enqueue(periodic=True)
    return True


@task
def hits_flush_task(periodic: bool = False) -> int:
    """Flush the buffered hits; a periodic run enqueues the next one, even when this flush failed."""
    try:
        return hits_flush()
    finally:
        if periodic:
            try:
                schedule_next_flush(force=True)
            except Exception:
                logger.exception("Could not schedule the next flush of buffered hits")
