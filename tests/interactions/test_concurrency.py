"""50 concurrent kudos and hit requests on one work, through the real server (granian), lose none and double none.

The server runs as ``scriptorium serve`` on a fresh database: a temporary SQLite file, or on the PostgreSQL run a
fresh PostgreSQL database next to the test one. Fifty accounts (logged-in sessions made directly in the database,
so no password hashing) each send their kudos twice at once, and read the work twice at once; the server's own
flusher thread counts the hits.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts processes and waits for them: scheduled first (tests/conftest.py)

BIN = Path(sys.executable).parent
SCRIPTORIUM = BIN / "scriptorium"
READERS = 50
CSRF = "c" * 32

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from scriptorium.accounts.services import user_create
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.services import work_create

writer = user_create(username="concurrentwriter", email="w@example.org", password=None)
work = work_create(
    actor=writer, creators=[writer.default_pseud], post=True,
    data=WorkInput(title="Everyone At Once", rating="General Audiences", warnings=("No Archive Warnings Apply",),
                   fandoms=("Original Work",)),
    chapters=[ChapterInput(text="Fifty readers arrived at once.")],
)
sessions = []
for n in range(READERS):
    reader = user_create(username=f"reader{n}", email=f"r{n}@example.org", password=None)
    session = SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
print("SETUP" + json.dumps({"work": work.pk, "sessions": sessions}))
""".replace("READERS", str(READERS))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _request(url: str, session: str, data: dict[str, str] | None = None) -> int:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method="POST" if data is not None else "GET")  # noqa: S310
    request.add_header("Cookie", f"sessionid={session}; csrftoken={CSRF}")
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    base: str
    work: int
    sessions: list[str]
    counts: object  # () -> (kudos rows, kudos_count, hits_count)


def _fresh_postgres() -> tuple[str, object]:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = f"scriptorium_conc_{uuid.uuid4().hex[:10]}"
    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), drop


def _counter(database_url: str, work_id: int):
    sql_rows = "SELECT COUNT(*) FROM interactions_kudos WHERE work_id = %s AND chapter_id IS NULL"
    sql_work = "SELECT kudos_count, hits_count FROM works_work WHERE id = %s"
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")

        def counts() -> tuple[int, int, int]:
            with sqlite3.connect(path) as connection:
                (rows,) = connection.execute(sql_rows.replace("%s", "?"), (work_id,)).fetchone()
                kudos, hits = connection.execute(sql_work.replace("%s", "?"), (work_id,)).fetchone()
            return rows, kudos, hits
    else:
        import psycopg

        def counts() -> tuple[int, int, int]:
            with psycopg.connect(database_url) as connection:
                (rows,) = connection.execute(sql_rows, (work_id,)).fetchone()
                kudos, hits = connection.execute(sql_work, (work_id,)).fetchone()
            return rows, kudos, hits

    return counts


# The PostgreSQL case is marked django_db here too (tests/conftest.py adds it only after pytest-django has sorted
# the tests): otherwise it runs after the browser tests, whose live server still holds the test database open
# when the session tries to drop it.
@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.own_sqlite),
        pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.django_db]),
    ],
    scope="module",
)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    if not SCRIPTORIUM.exists():
        pytest.skip("the scriptorium command is not installed in this environment")
    data_dir = tmp_path_factory.mktemp(f"concurrency-{request.param}")
    drop = None
    if request.param == "postgres":
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            pytest.skip("runs on the PostgreSQL run (DATABASE_URL=postgres://…)")
        database_url, drop = _fresh_postgres()
    else:
        database_url = f"sqlite:///{data_dir / 'archive.sqlite3'}"
    env = {
        **os.environ,
        "SCRIPTORIUM_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "SCRIPTORIUM_HITS_FLUSH_SECONDS": "1",
        "SCRIPTORIUM_LOG_LEVEL": "ERROR",
        "SCRIPTORIUM_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = None
    try:
        subprocess.run(
            [str(SCRIPTORIUM), "migrate", "--noinput", "-v0"], env=env, check=True, capture_output=True, timeout=300
        )
        made = subprocess.run(
            [str(SCRIPTORIUM), "shell", "-c", SETUP], env=env, capture_output=True, text=True, timeout=300
        )
        assert made.returncode == 0, made.stderr
        setup = json.loads(made.stdout.split("SETUP", 1)[1])
        port = _free_port()
        server = subprocess.Popen(
            [str(SCRIPTORIUM), "serve", "--port", str(port), "--workers", "1", "--threads", "8"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/login", timeout=5).close()  # noqa: S310 - loopback only
                break
            except urllib.error.HTTPError as error:
                pytest.fail(f"the server answers {error.code}")
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not start")
        yield Served(base, setup["work"], setup["sessions"], _counter(database_url, setup["work"]))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if drop is not None:
            drop()


def test_fifty_concurrent_kudos_lose_none_and_double_none(served: Served) -> None:
    url = f"{served.base}/works/{served.work}/kudos"
    form = {"csrfmiddlewaretoken": CSRF, "next": f"/works/{served.work}"}
    twice = [session for session in served.sessions for _ in range(2)]

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        statuses = list(pool.map(lambda session: _request(url, session, form), twice))

    assert statuses.count(302) == len(twice), statuses  # every one answered; the second of each a message
    rows, kudos_count, _ = served.counts()
    assert rows == READERS
    assert kudos_count == READERS


def test_fifty_concurrent_readers_are_fifty_hits(served: Served) -> None:
    url = f"{served.base}/works/{served.work}"
    twice = [session for session in served.sessions for _ in range(2)]

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        statuses = list(pool.map(lambda session: _request(url, session), twice))

    assert statuses == [200] * len(twice)
    deadline = time.monotonic() + 30
    while served.counts()[2] < READERS and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(2.5)  # two more flushes: nothing more to count
    assert served.counts()[2] == READERS
