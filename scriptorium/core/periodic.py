"""The archive's periodic tasks, each a chain that enqueues its next run: started once, kept going by the worker.

``scriptorium serve`` (with its worker) and ``scriptorium db_worker`` call :func:`periodic_start`, which starts
each chain that has no run waiting in the database queue, so restarting the server never doubles a chain. Each chain's
``schedule`` function enqueues its next run through :func:`schedule_next`, and each run renews its chain through
:func:`periodic_renew`.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.tasks import Task, default_task_backend
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    name: str
    task_path: str  # the task the chain runs
    schedule_path: str  # schedule(force=True) enqueues its next run


PERIODIC = (
    Periodic(
        "hits flush",
        "scriptorium.interactions.tasks.hits_flush_task",
        "scriptorium.interactions.tasks.schedule_next_flush",
    ),
    Periodic(
        "notifications (saved searches, digests)",
        "scriptorium.notifications.tasks.periodic_task",
        "scriptorium.notifications.tasks.schedule_next_run",
    ),
    Periodic(
        "backups",
        "scriptorium.backups.tasks.backup_scheduled_task",
        "scriptorium.backups.tasks.schedule_next_backup",
    ),
    Periodic(
        "data exports expiry",
        "scriptorium.dataexport.tasks.exports_expire_task",
        "scriptorium.dataexport.tasks.schedule_next_expiry",
    ),
    Periodic(
        "invitation queue",
        "scriptorium.invitations.tasks.queue_release_task",
        "scriptorium.invitations.tasks.schedule_next_release",
    ),
)


def schedule_next(task: Task, *, key: str, interval: int, force: bool = False) -> bool:
    """Enqueue ``task(periodic=True)`` to run ``interval`` seconds from now, unless a run is already due (the
    cache key ``key``, held for the interval, says one was enqueued) and not ``force`` (a run renewing its own
    chain). Nothing when ``interval`` is 0 or the task backend cannot run tasks later. Answer whether one was
    enqueued."""
    if interval <= 0 or not default_task_backend.supports_defer:
        return False
    if not cache.add(key, 1, timeout=max(1, interval - 1)) and not force:
        return False
    run_after = timezone.now() + datetime.timedelta(seconds=interval)
    task.using(run_after=run_after).enqueue(periodic=True)
    return True


def periodic_renew(schedule: Callable[..., bool], what: str) -> None:
    """Enqueue the next run of a chain (``schedule(force=True)``) from the end of a run, even one that failed;
    a failure to enqueue is logged, never raised over the run's own result."""
    try:
        schedule(force=True)
    except Exception:
        logger.exception("Could not schedule the next %s", what)


def _waiting(task_path: str) -> bool:
    """Whether a run of this task waits in the database queue (only the database backend can tell)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the package is a dependency
        return False
    return DBTaskResult.objects.filter(task_path=task_path, status="READY").exists()


def periodic_start(*, write: Callable[[str], None] | None = None) -> list[str]:
    """Start every periodic chain that is not already waiting; answer the names of those started."""
    if not default_task_backend.supports_defer:
        return []
    started = []
    for periodic in PERIODIC:
        if _waiting(periodic.task_path):
            continue
        if import_string(periodic.schedule_path)(force=True):
            started.append(periodic.name)
            if write:
                write(f"Started the periodic task: {periodic.name}.")
    return started
