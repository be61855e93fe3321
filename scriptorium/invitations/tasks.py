"""The queue's daily release: a periodic chain (``scriptorium.core.periodic``) that runs every hour and releases
once a day (``services.queue_release`` remembers the date), so a worker restarted mid-day misses no day."""

from __future__ import annotations

from django.tasks import task

from scriptorium.core.periodic import periodic_renew, schedule_next
from scriptorium.invitations.services import queue_release

SCHEDULE_KEY = "invitations:next-release"
INTERVAL = 3600


def schedule_next_release(*, force: bool = False) -> bool:
    """Enqueue the next look at the queue unless one is already due; answer whether one was enqueued."""
    return schedule_next(queue_release_task, key=SCHEDULE_KEY, interval=INTERVAL, force=force)


@task
def queue_release_task(periodic: bool = False) -> int:
    """Release today's invitations (nothing when today's are out, or sign-up is not a queue)."""
    try:
        return queue_release()
    finally:
        if periodic:
            periodic_renew(schedule_next_release, "invitation queue release")
