"""Background work: flushing the buffered hits, on a schedule that renews itself.

``scriptorium hits flush --schedule`` enqueues ``hits_flush_task`` once; each run flushes and enqueues the next
one ``SCRIPTORIUM_HITS_FLUSH_SECONDS`` later (the database backend supports running tasks later), so the
worker (``scriptorium db_worker``) keeps flushing. A cache key stops a second chain from starting. Useful with a
shared cache (Redis); with the per-process memory cache each server process flushes its own hits instead.
"""

from __future__ import annotations

from django.tasks import task

from scriptorium.core.periodic import periodic_renew, schedule_next
from scriptorium.interactions.services.history_buffer import history_flush
from scriptorium.interactions.services.hits import flush_interval, hits_flush

SCHEDULE_KEY = "hits:flush-scheduled"


def schedule_next_flush(*, force: bool = False) -> bool:
    """Enqueue the next periodic flush unless one is already due; answer whether one was enqueued."""
    return schedule_next(hits_flush_task, key=SCHEDULE_KEY, interval=flush_interval(), force=force)


@task
def hits_flush_task(periodic: bool = False) -> int:
    """Flush the buffered hits (and reading history); a periodic run enqueues the next one, even when this flush
    failed."""
    try:
        history_flush()
        return hits_flush()
    finally:
        if periodic:
            periodic_renew(schedule_next_flush, "flush of buffered hits")
