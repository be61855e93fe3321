"""Tasks a killed worker left "running" are recovered (issue 14, finding 7): queued again once, failed the
second time with the reason; a living worker's tasks, and recent ones of workers this machine cannot check, are
left alone. The last test kills a real `scriptorium db_worker` with SIGKILL in the middle of a task."""

from __future__ import annotations

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from scriptorium.core import workers

BIN = Path(sys.executable).parent
SCRIPTORIUM = BIN / "scriptorium"
ROOT = Path(__file__).resolve().parents[2]
HOLD_TASK = "tests.core.worker_tasks.hold_until_released"


@pytest.fixture(autouse=True)
def _database_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.DATA_DIR = tmp_path / "data"


def _running(worker_ids: list[str], *, started: datetime.datetime | None = None) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": ["unused"], "kwargs": {}},
        task_path=HOLD_TASK,
        backend_name="default",
        run_after=timezone.now(),
        worker_ids=worker_ids,
        started_at=started or timezone.now(),
    )


def _dead(worker_id: str) -> str:
    """A worker that held its lock and has ended (a real process, killed with SIGKILL)."""
    path = workers._lock_path(worker_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'ab'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('held', flush=True); time.sleep(600)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    assert workers.worker_alive(worker_id) is True  # another process holds it
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    return worker_id


@pytest.mark.django_db
def test_a_worker_is_alive_while_its_process_lives() -> None:
    assert workers.worker_alive("never-seen") is None
    assert workers.worker_hold("this-one")
    try:
        assert workers.worker_alive("this-one") is True
    finally:
        workers._held.pop("this-one").close()
    assert workers.worker_alive(_dead("killed")) is False


@pytest.mark.django_db
def test_tasks_of_dead_workers_are_queued_again_once_then_failed(settings) -> None:
    once = _running([_dead("first")])
    twice = _running(["earlier", _dead("second")])
    assert workers.worker_hold("living")
    try:
        alive = _running(["living"])
        elsewhere_recent = _running(["on-another-host"])
        elsewhere_old = _running(
            ["on-another-host"],
            started=timezone.now() - datetime.timedelta(seconds=settings.SCRIPTORIUM_TASK_STALE_SECONDS + 60),
        )
        report = workers.tasks_recover(current_worker="starting")
        assert workers.tasks_recover() == workers.RecoveryReport()  # running it again changes nothing
    finally:
        workers._held.pop("living").close()

    assert sorted(report.requeued) == sorted([str(once.pk), str(elsewhere_old.pk)])
    assert report.failed == [str(twice.pk)]
    states = {row.pk: row for row in DBTaskResult.objects.all()}
    assert states[once.pk].status == "READY" and states[once.pk].started_at is None
    failed = states[twice.pk]
    assert failed.status == "FAILED" and failed.finished_at is not None
    assert failed.exception_class_path == "scriptorium.core.workers.WorkerLost"
    assert "stopped before it finished (killed or crashed), 2 times" in failed.traceback
    assert states[alive.pk].status == "RUNNING" and states[elsewhere_recent.pk].status == "RUNNING"
    assert workers.worker_alive("first") is None  # the dead workers' lock files are gone


def _task_rows(database: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(
            f"SELECT status, worker_ids FROM {DBTaskResult._meta.db_table} WHERE task_path = ?",  # noqa: S608
            (HOLD_TASK,),
        ).fetchall()


def _until(condition, what: str, seconds: float = 90) -> None:
    """Wait for something the worker does (a bound against hanging, not a measurement)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.1)


@pytest.mark.slow
@pytest.mark.own_sqlite
def test_a_task_of_a_worker_killed_with_sigkill_is_finished_by_the_next_worker(tmp_path: Path) -> None:
    if not SCRIPTORIUM.exists():
        pytest.skip("the scriptorium command is not installed in this environment")
    data = tmp_path / "archive"
    database = data / "scriptorium.sqlite3"
    env = {
        **os.environ,
        "SCRIPTORIUM_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{database}",
        "SCRIPTORIUM_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(ROOT),  # the test task lives in tests/
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = {"env": env, "check": True, "timeout": 300, "cwd": tmp_path}
    subprocess.run([str(SCRIPTORIUM), "migrate", "--noinput", "-v0"], **run)
    folder = tmp_path / "task"
    folder.mkdir()
    enqueue = f"from tests.core.worker_tasks import hold_until_released as t; t.enqueue({str(folder)!r})"
    subprocess.run([str(SCRIPTORIUM), "shell", "-c", enqueue], **run)
    worker_argv = [str(SCRIPTORIUM), "db_worker", "--interval", "0.1", "--no-startup-delay", "-v", "1"]

    first = subprocess.Popen(worker_argv, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _until(lambda: (folder / "starts").exists(), "the first worker to start the task")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert [status for status, _ in _task_rows(database)] == ["RUNNING"]  # left running by the killed worker

    (folder / "release").touch()  # from now on the task can finish
    log = tmp_path / "second.log"
    with log.open("w") as output:
        second = subprocess.Popen(worker_argv, env=env, cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT)
        try:
            _until(lambda: _task_rows(database)[0][0] in ("SUCCESSFUL", "FAILED"), "the task to finish")
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=30)
    ((status, worker_ids),) = _task_rows(database)
    assert status == "SUCCESSFUL"
    assert (folder / "starts").read_text().count("started") == 2 and (folder / "finished").exists()
    assert len(json.loads(worker_ids)) == 2  # claimed by the killed worker, then by the next
    assert "Recovered tasks left running by stopped workers: 1 queued again, 0 marked failed." in log.read_text()
