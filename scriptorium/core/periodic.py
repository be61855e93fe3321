"""The archive's periodic tasks, each a chain that enqueues its next run: started once, kept going by the worker.

``scriptorium serve`` (and ``scriptorium periodic start``) call :func:`periodic_start`, which starts each chain
that has no run waiting in the database queue, so restarting the server never doubles a chain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.tasks import default_task_backend
from django.utils.module_loading import import_string


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
)


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
