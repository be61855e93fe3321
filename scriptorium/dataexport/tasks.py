"""Background tasks for data exports (run by ``scriptorium db_worker``): building one, and the hourly expiry
chain (``scriptorium.core.periodic``)."""

from __future__ import annotations

from dataclasses import asdict

from django.tasks import TaskContext, task

from scriptorium.core.periodic import periodic_renew, schedule_next
from scriptorium.dataexport.services import export_build, exports_expire

SCHEDULE_KEY = "dataexport:expire-scheduled"
#: Seconds between runs of the expiry chain.
EXPIRE_EVERY = 3600


@task(takes_context=True)
def export_build_task(context: TaskContext, export_id: int) -> str:
    """Build one account's export (again, when a worker died building it)."""
    return export_build(export_id=export_id, task_id=str(context.task_result.id))


def schedule_next_expiry(*, force: bool = False) -> bool:
    """Enqueue the next expiry run unless one is already due; answer whether one was enqueued."""
    return schedule_next(exports_expire_task, key=SCHEDULE_KEY, interval=EXPIRE_EVERY, force=force)


@task()
def exports_expire_task(periodic: bool = False) -> dict[str, object]:
    """Delete expired exports and leftover files; a periodic run enqueues the next one, even after a failure."""
    try:
        return asdict(exports_expire())
    finally:
        if periodic:
            periodic_renew(schedule_next_expiry, "expiry of data exports")
