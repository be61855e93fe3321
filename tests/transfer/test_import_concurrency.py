"""Import, server and worker at once on one SQLite file: writers queue, nobody sees "database is locked".

On a fresh temporary data directory: ``scriptorium serve --no-worker`` (granian) answers readers who open pages
and ask for downloads, ``scriptorium db_worker`` builds every imported work's downloads and indexes it for search,
and ``scriptorium import --json`` imports a ZIP of a few hundred small stories, all at the same time. Every story
must become a work, every download must be built, and no process may have printed a locking error.
"""

from __future__ import annotations

import io
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from scriptorium.core.periodic import PERIODIC

pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite]  # one SQLite file shared by three processes

BIN = Path(sys.executable).parent
SCRIPTORIUM = BIN / "scriptorium"
# A heavier run for measuring (docs/performance.md): STRESS_STORIES=1000 STRESS_CLIENTS=8
# STRESS_PREBUILT=epub,html,txt,md.
STORIES = int(os.environ.get("STRESS_STORIES", "300"))
PREBUILT = tuple(os.environ.get("STRESS_PREBUILT", "epub,html").split(","))
CLIENTS = int(os.environ.get("STRESS_CLIENTS", "4"))
LOCKED = "database is locked"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _story_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(STORIES):
            text = (
                "---\nrating: General Audiences\nfandom: Original Work\n---\n\n"
                f"# Lantern {n}\n\nThe keeper of lantern {n} climbed the stair at dusk.\n\n"
                f"Below, the harbour counted its boats: {n} of them, then one more.\n"
            )
            archive.writestr(f"stories/lantern-{n:03}.md", text)
    return buffer.getvalue()


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback only
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


def _query(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path, timeout=60) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    if not SCRIPTORIUM.exists():
        pytest.skip("the scriptorium command is not installed in this environment")
    return tmp_path


def test_import_server_and_worker_at_once_lose_nothing(data_dir: Path) -> None:
    database = data_dir / "archive.sqlite3"
    env = {
        **os.environ,
        "SCRIPTORIUM_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{database}",
        "SCRIPTORIUM_DOWNLOAD_PREBUILD": ",".join(PREBUILT),
        "SCRIPTORIUM_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([str(SCRIPTORIUM), "migrate", "--noinput", "-v0"], env=env, check=True, timeout=300)
    archive = data_dir / "stories.zip"
    archive.write_bytes(_story_zip())

    logs = {name: (data_dir / f"{name}.log").open("w+") for name in ("server", "worker", "import")}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(SCRIPTORIUM), "serve", "--no-worker", "--port", str(port), "--workers", "1", "--threads", "4"],
        env=env,
        stdout=logs["server"],
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [str(SCRIPTORIUM), "db_worker", "--interval", "0.2", "-v", "1"],
        env=env,
        stdout=logs["worker"],
        stderr=subprocess.STDOUT,
    )
    statuses: list[tuple[str, int]] = []
    importing = threading.Event()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                _get(base + "/login")
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not start")

        def client(seed: int) -> None:
            chance = random.Random(seed)
            while importing.is_set():
                ids = [row[0] for row in _query(database, "SELECT id FROM works_work ORDER BY id DESC LIMIT 50")]
                if not ids:
                    paths = ["/works/"]
                else:
                    work = chance.choice(ids)
                    paths = ["/works/", f"/works/{work}", f"/works/{work}/download/md?view_adult=true"]
                    if chance.random() < 0.3:
                        paths.append(f"/works/{work}/download/epub?view_adult=true")
                statuses.extend((path, _get(base + path)) for path in paths)

        importing.set()
        clients = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in clients:
            thread.start()
        started = time.monotonic()
        imported = subprocess.run(
            [str(SCRIPTORIUM), "import", "--json", str(archive)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=logs["import"],
            text=True,
            timeout=600,
        )
        import_seconds = time.monotonic() - started
        importing.clear()
        for thread in clients:
            thread.join(timeout=120)

        # The worker catches up: every task it was given ends, none of them failed. (The periodic chains the worker
        # starts wait for their next run, hours away: they are not work it was given.)
        periodic = ", ".join(f"'{p.task_path}'" for p in PERIODIC)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            waiting = _query(
                database,
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"  # noqa: S608
                f" AND task_path NOT IN ({periodic})",  # our own constants
            )[0][0]
            if not waiting:
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"the worker still had {waiting} tasks after five minutes")
        # The same ZIP again (issue 14, finding 9): every story is recognised, no work is made twice.
        again = subprocess.run(
            [str(SCRIPTORIUM), "import", "--json", str(archive)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=logs["import"],
            text=True,
            timeout=600,
        )
    finally:
        importing.clear()
        for process in (server, worker):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
    output = {name: (log.seek(0), log.read())[1] for name, log in logs.items()}
    output["import"] += imported.stdout
    for log in logs.values():
        log.close()

    lines = [json.loads(line) for line in imported.stdout.splitlines() if line.strip()]
    assert imported.returncode == 0, output["import"][-3000:]
    assert [line["status"] for line in lines] == ["imported"] * STORIES
    assert again.returncode == 0
    assert [json.loads(line)["status"] for line in again.stdout.splitlines()] == ["duplicate"] * STORIES
    for name, text in output.items():
        assert LOCKED not in text.lower(), f"{name}: {text[text.lower().index(LOCKED) - 2000 :][:4000]}"
    assert statuses, "no client request was answered"
    errors = [(path, status) for path, status in statuses if status >= 500]
    assert errors == [], errors[:20]
    failed_tasks = _query(
        database,
        "SELECT task_path, exception_class_path FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'",
    )
    assert failed_tasks == []
    assert _query(database, "SELECT COUNT(*) FROM works_work")[0][0] == STORIES
    ready = dict(
        _query(database, "SELECT format, COUNT(*) FROM transfer_download WHERE status = 'ready' GROUP BY format")
    )
    assert {name: ready.get(name) for name in PREBUILT} == dict.fromkeys(PREBUILT, STORIES)
    assert _query(database, "SELECT COUNT(*) FROM transfer_download WHERE status != 'ready'") == [(0,)]
    print(f"{STORIES} stories imported in {import_seconds:.1f} s beside {len(statuses)} client requests")
