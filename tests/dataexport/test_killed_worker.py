"""A real `scriptorium db_worker` killed with SIGKILL in the middle of writing an export: nothing is offered
while it is half-written, and the next worker builds it again to a whole ZIP (issue 13, bad input)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
SCRIPTORIUM = BIN / "scriptorium"
ROOT = Path(__file__).resolve().parents[2]


def _until(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}")
        time.sleep(0.1)


def _export_row(database: Path) -> tuple[str, int, str]:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT state, attempts, path FROM dataexport_dataexport").fetchone()


@pytest.mark.slow
@pytest.mark.own_sqlite
def test_an_export_whose_worker_was_killed_is_built_whole_by_the_next_worker(tmp_path: Path) -> None:
    if not SCRIPTORIUM.exists():
        pytest.skip("the scriptorium command is not installed in this environment")
    data = tmp_path / "archive"
    database = data / "scriptorium.sqlite3"
    hold = tmp_path / "hold"
    hold.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.dataexport.holding",
        "SCRIPTORIUM_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{database}",
        "SCRIPTORIUM_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "SCRIPTORIUM_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SCRIPTORIUM_TEST_HOLD_DIR": str(hold),
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    run = {"env": env, "check": True, "timeout": 300, "cwd": tmp_path}
    subprocess.run([str(SCRIPTORIUM), "migrate", "--noinput", "-v0"], **run)
    ask = (
        "from tests.factories import UserFactory, make_work; "
        "from scriptorium.dataexport.services import export_request; "
        "u = UserFactory(username='keeper'); make_work(creator=u, title='Tide Tables'); export_request(user=u)"
    )
    subprocess.run([str(SCRIPTORIUM), "shell", "-c", ask], **run)
    worker = [str(SCRIPTORIUM), "db_worker", "--interval", "0.1", "--no-startup-delay", "-v", "1"]
    exports = data / "media" / "exports"

    first = subprocess.Popen(worker, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _until(lambda: (hold / "starts").exists(), "the first worker to reach the work's EPUB")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    state, attempts, path = _export_row(database)
    assert (state, attempts, path) == ("building", 1, "")  # nothing offered
    assert [p.name for p in exports.rglob("*") if p.is_file()] == ["data-export-1.zip.partial"]

    (hold / "release").touch()
    log = tmp_path / "second.log"
    with log.open("w") as output:
        second = subprocess.Popen(worker, env=env, cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT)
        try:
            _until(lambda: _export_row(database)[0] in ("ready", "failed"), "the export to be built again")
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=30)
    state, attempts, path = _export_row(database)
    assert (state, attempts) == ("ready", 2), log.read_text()[-2000:]
    assert (hold / "starts").read_text().count("started") == 2
    assert [p.name for p in exports.rglob("*") if p.is_file()] == ["data-export-1.zip"]
    with zipfile.ZipFile(data / "media" / path) as zipped:
        assert zipped.testzip() is None
        epubs = [name for name in zipped.namelist() if name.endswith(".epub")]
        assert len(epubs) == 1 and "profile.json" in zipped.namelist()
