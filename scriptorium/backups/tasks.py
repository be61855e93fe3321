"""The scheduled backup: every SCRIPTORIUM_BACKUP_EVERY, a dated backup in SCRIPTORIUM_BACKUP_DIR, keeping the
SCRIPTORIUM_BACKUP_KEEP newest. A periodic chain (scriptorium.core.periodic), off while no folder is set."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.tasks import task

from scriptorium.backups.services import backup_create, backups_prune
from scriptorium.core.periodic import periodic_renew, schedule_next

logger = logging.getLogger(__name__)
SCHEDULE_KEY = "backups:next-run"
EVERY = {"hourly": 3600, "daily": 24 * 3600, "weekly": 7 * 24 * 3600}


def backup_interval() -> int:
    """Seconds between scheduled backups; 0 (no schedule) while SCRIPTORIUM_BACKUP_DIR is empty."""
    if not settings.SCRIPTORIUM_BACKUP_DIR:
        return 0
    every = str(settings.SCRIPTORIUM_BACKUP_EVERY).strip().lower()
    if every in EVERY:
        return EVERY[every]
    try:
        return max(int(every), 0)
    except ValueError:
        logger.error("SCRIPTORIUM_BACKUP_EVERY is %r: use hourly, daily, weekly or seconds; backing up daily.", every)
        return EVERY["daily"]


def schedule_next_backup(*, force: bool = False) -> bool:
    """Enqueue the next scheduled backup unless one is already due; answer whether one was enqueued."""
    return schedule_next(backup_scheduled_task, key=SCHEDULE_KEY, interval=backup_interval(), force=force)


def backup_schedule_start() -> bool:
    """Start the chain of scheduled backups unless a run already waits in the queue; answer whether started."""
    from django_tasks_db.models import DBTaskResult

    path = f"{backup_scheduled_task.func.__module__}.{backup_scheduled_task.func.__qualname__}"
    if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        return False
    return schedule_next_backup(force=True)


def backup_scheduled() -> Path | None:
    """Write a dated backup into SCRIPTORIUM_BACKUP_DIR and keep the newest SCRIPTORIUM_BACKUP_KEEP there."""
    if not settings.SCRIPTORIUM_BACKUP_DIR:
        return None
    directory = Path(settings.SCRIPTORIUM_BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    result = backup_create(dest=directory)
    backups_prune(directory=directory, keep=settings.SCRIPTORIUM_BACKUP_KEEP)
    return result.path


@task
def backup_scheduled_task(periodic: bool = False) -> str:
    """One scheduled backup; a periodic run enqueues the next one, even when this one failed."""
    try:
        return str(backup_scheduled() or "")
    finally:
        if periodic:
            periodic_renew(schedule_next_backup, "scheduled backup")
