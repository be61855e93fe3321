"""Telling a dead background worker from a busy one, and recovering the tasks a dead one left "running".

django-tasks' database worker marks a task ``RUNNING`` when it claims it and ``SUCCESSFUL`` or ``FAILED`` when
it ends; a worker killed in between (kill -9, out of memory, a power cut) leaves the task ``RUNNING`` for ever,
and nothing in the queue can tell it from a task that is merely slow.

So each ``scriptorium db_worker`` holds an exclusive lock (``flock``) on a file of its own in
``<data dir>/workers/`` for as long as it lives (:func:`worker_hold`). The operating system lets go of the lock
when the process ends, however it ends, so a lock file anyone can lock belongs to a dead worker
(:func:`worker_alive`). A worker on another machine has no lock file here: its tasks are judged by age instead
(running for longer than ``SCRIPTORIUM_TASK_STALE_SECONDS``).

:func:`tasks_recover` (run by every worker as it starts) puts a dead worker's task back in the queue once (every
task here takes ids and may run again: builds are rebuilt, an import job carries on with its waiting files)
and marks it failed, with the reason, the second time, so a task that kills its worker does not do so for ever.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils import timezone

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: every worker counts as "unknown", judged by age
    fcntl = None

logger = logging.getLogger(__name__)

#: A task is queued again after this many workers died running it; after that it is marked failed.
MAX_ATTEMPTS = 2
#: Locks held by this process (kept open: closing the file would let go of the lock).
_held: dict[str, IO[bytes]] = {}


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker stopped while running it."""


def stale_seconds() -> int:
    """How long a task of a worker we cannot check (another machine) may run before it counts as abandoned."""
    return int(getattr(settings, "SCRIPTORIUM_TASK_STALE_SECONDS", 6 * 60 * 60))


def _lock_path(worker_id: str) -> Path:
    # Worker ids are free text (``--worker-id``): the file is named after their hash.
    name = hashlib.sha256(worker_id.encode()).hexdigest()[:32]
    return Path(settings.DATA_DIR) / "workers" / f"{name}.lock"


def worker_hold(worker_id: str) -> bool:
    """Hold this process's lock for ``worker_id`` until it ends (False where locks are not available)."""
    if fcntl is None or worker_id in _held:
        return worker_id in _held
    path = _lock_path(worker_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("ab")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise RuntimeError(f"Another running worker already uses the worker id {worker_id!r}.") from None
    handle.write(f"{os.getpid()}\n".encode())
    handle.flush()
    _held[worker_id] = handle
    return True


def worker_alive(worker_id: str) -> bool | None:
    """True while the worker's process lives, False once it has ended, None when this machine cannot tell
    (no lock file here: a worker elsewhere, or one started before workers held locks)."""
    if worker_id in _held:
        return True
    path = _lock_path(worker_id)
    if fcntl is None or not path.is_file():
        return None
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return False


def _db_task_results():
    """django-tasks' result rows, or None when the configured backend keeps no rows (immediate, dummy)."""
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]  # the backend itself: isinstance sees through no proxy
    if not isinstance(backend, DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(backend_name=backend.alias)


def _abandoned(worker_ids: list[str], started_at: datetime.datetime | None, *, now: datetime.datetime) -> bool:
    """Whether a running task was left by a worker that is gone."""
    alive = worker_alive(worker_ids[-1]) if worker_ids else None
    if alive is not None:
        return not alive
    return started_at is None or (now - started_at).total_seconds() > stale_seconds()


def task_state(task_id: str) -> str:
    """Where a task stands: "queued", "running", "finished" (successful or failed), "abandoned" (running in a
    worker that has died), "missing" (no such row) or "unknown" (the task backend keeps no rows)."""
    rows = _db_task_results()
    if rows is None or not task_id:
        return "unknown"
    row = rows.filter(pk=task_id).values("status", "worker_ids", "started_at").first()
    if row is None:
        return "missing"
    status = row["status"]
    if status == "READY":
        return "queued"
    if status == "RUNNING":
        return "abandoned" if _abandoned(row["worker_ids"], row["started_at"], now=timezone.now()) else "running"
    return "finished"


@dataclass
class RecoveryReport:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def tasks_recover(*, current_worker: str = "") -> RecoveryReport:
    """Recover every task left running by a dead worker: queued again the first time, failed after
    :data:`MAX_ATTEMPTS` lost runs. ``current_worker`` (the worker calling this) is never judged."""
    report = RecoveryReport()
    rows = _db_task_results()
    if rows is None:
        return report
    now = timezone.now()
    dead_workers = set()
    for result in rows.running():
        worker_ids = list(result.worker_ids or [])
        if worker_ids and worker_ids[-1] == current_worker:
            continue
        if not _abandoned(worker_ids, result.started_at, now=now):
            continue
        dead_workers.update(worker_ids[-1:])
        if len(worker_ids) < MAX_ATTEMPTS:
            # No API for this in django-tasks: the guarded update only touches a row still left running.
            if rows.filter(pk=result.pk, status="RUNNING").update(status="READY", started_at=None):
                report.requeued.append(str(result.pk))
                logger.warning(
                    "Task %s (%s) was left running by a dead worker: queued again", result.pk, result.task_path
                )
            continue
        result.set_failed(
            WorkerLost(
                f"The worker running this task stopped before it finished (killed or crashed), "
                f"{len(worker_ids)} times; it is not tried again. Recovered at {now:%Y-%m-%d %H:%M:%S %Z}."
            )
        )
        report.failed.append(str(result.pk))
        logger.error(
            "Task %s (%s) lost its worker %s times: marked failed", result.pk, result.task_path, len(worker_ids)
        )
    for worker_id in dead_workers:
        if worker_alive(worker_id) is False:
            with contextlib.suppress(OSError):
                _lock_path(worker_id).unlink()
    return report
