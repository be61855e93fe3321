"""`scriptorium backup` and `scriptorium restore`, run as the operator runs them: real processes on a data directory
of their own, on SQLite and (on the PostgreSQL run) on fresh PostgreSQL databases beside the test one.

The round trip backs up while twenty writers post works, comments and files, restores into a fresh data directory
and database, and checks that every table holds exactly what the backup's snapshot held (row counts and digests
taken in that snapshot from the live database), that every work committed before the backup started is back, and
that every file is back byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scriptorium.backups import database as backup_database

pytestmark = pytest.mark.slow  # starts processes and waits for them: scheduled first (tests/conftest.py)

BIN = Path(sys.executable).parent
SCRIPTORIUM = BIN / "scriptorium"
WRITERS = 20

WRITE = """
import os, sys, threading
from pathlib import Path
from django.conf import settings
from django.db import connection
from scriptorium.accounts.services import user_create
from scriptorium.interactions.inputs import CommentInput
from scriptorium.interactions.services import comment_create
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.services import work_create

stop = Path(os.environ["BACKUP_TEST_STOP"])
uploads = Path(settings.MEDIA_ROOT) / "uploads"
uploads.mkdir(parents=True, exist_ok=True)
pairs = [
    (user_create(username=f"writer{n}", email=f"w{n}@example.org", password=None),
     user_create(username=f"reader{n}", email=f"r{n}@example.org", password=None))
    for n in range(WRITERS)
]
lock = threading.Lock()
failures = []

def post(writer, title, text):
    return work_create(
        actor=writer, creators=[writer.default_pseud], post=True,
        data=WorkInput(title=title, rating="General Audiences", warnings=("No Archive Warnings Apply",),
                       fandoms=("Original Work",)),
        chapters=[ChapterInput(text=text)],
    )

def upload(work, size):
    draft = uploads / f".{work.pk}.part"
    draft.write_bytes(os.urandom(size))
    os.replace(draft, uploads / f"work-{work.pk}.bin")

# The tags exist before the writers start: twenty first uses of a new tag at once is another story.
first = post(pairs[0][0], "The first work", "Before everyone else.")
upload(first, 1024)
print(f"W {first.pk}", flush=True)
print("READY", flush=True)

def write(n, writer, reader):
    try:
        round = 0
        while True:  # one round at least, then until told to stop
            round += 1
            work = post(writer, f"Writer {n}, work {round}", f"Writer {n} wrote part {round} during a backup.")
            chapter = work.chapters.first()
            comment_create(actor=reader, chapter=chapter, data=CommentInput(text=f"Read part {round}, thank you."))
            upload(work, 2048 + n * 64 + round)
            with lock:
                print(f"W {work.pk}", flush=True)
            if stop.exists():
                break
    except BaseException as error:
        failures.append(repr(error))
        stop.touch()  # everyone stops: the test sees the failure at once
        raise
    finally:
        connection.close()

threads = [threading.Thread(target=write, args=(n, *pair)) for n, pair in enumerate(pairs)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("DONE " + repr(failures), flush=True)
sys.exit(1 if failures else 0)
""".replace("WRITERS", str(WRITERS))


@dataclass
class Archive:
    """One archive's settings: a data directory and a database, as the environment names them."""

    data_dir: Path
    database_url: str
    drops: list = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "SCRIPTORIUM_DATA_DIR": str(self.data_dir),
            "DATABASE_URL": self.database_url,
            "SCRIPTORIUM_LOG_LEVEL": "ERROR",
            "SCRIPTORIUM_COMMENT_RATE_ACCOUNT": "",  # the writers post as fast as they can: no rate limits
            "SCRIPTORIUM_NEW_ACCOUNT_DAYS": "0",
            "SCRIPTORIUM_TASK_BACKEND": "django.tasks.backends.dummy.DummyBackend",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.pop("SCRIPTORIUM_MEDIA_ROOT", None)
        return env

    @property
    def media(self) -> Path:
        return self.data_dir / "media"

    def run(self, *args: str, check: bool = True, timeout: int = 300) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(SCRIPTORIUM), *args], env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        if check:
            assert done.returncode == 0, done.stderr + done.stdout
        return done

    def tables(self) -> dict[str, dict[str, object]]:
        """Each table's row count and digest, read now from the database (the backup's own fingerprint)."""
        if self.database_url.startswith("sqlite"):
            connection = sqlite3.connect(self.database_url.removeprefix("sqlite:///"))
            try:
                return backup_database.sqlite_tables(connection)
            finally:
                connection.close()
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            connection.execute("SET TIME ZONE 'UTC'")
            return backup_database.postgres_tables(connection)

    def work_ids(self) -> set[int]:
        sql = "SELECT id FROM works_work"
        if self.database_url.startswith("sqlite"):
            connection = sqlite3.connect(self.database_url.removeprefix("sqlite:///"))
            try:
                return {row[0] for row in connection.execute(sql)}
            finally:
                connection.close()
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            return {row[0] for row in connection.execute(sql)}


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def _manifest(path: Path) -> dict:
    with tarfile.open(path) as archive:
        return json.load(archive.extractfile("manifest.json"))


# The PostgreSQL case is marked django_db here too, as in tests/interactions/test_concurrency.py (the module-scoped
# fixture must run before the browser tests' live server holds the test database).
@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.own_sqlite),
        pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.django_db]),
    ],
    scope="module",
)
def archives(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[callable]:
    """Makes archives (a data directory and a database each) of one vendor; drops their databases after."""
    if not SCRIPTORIUM.exists():
        pytest.skip("the scriptorium command is not installed in this environment")
    made: list[Archive] = []
    admin = None
    if request.param == "postgres":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            pytest.skip("runs on the PostgreSQL run (DATABASE_URL=postgres://…)")
        parts = urllib.parse.urlsplit(url)
        admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))

    def make(name: str) -> Archive:
        data_dir = tmp_path_factory.mktemp(f"{request.param}-{name}") / "data"
        if admin is None:
            archive = Archive(data_dir, f"sqlite:///{data_dir / 'scriptorium.sqlite3'}")
        else:
            import psycopg

            database = f"scriptorium_backup_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{database}"')
            archive = Archive(data_dir, urllib.parse.urlunsplit(parts._replace(path=f"/{database}")))
            archive.drops.append(database)
        made.append(archive)
        return archive

    yield make
    if admin is not None:
        import psycopg

        with psycopg.connect(admin, autocommit=True) as connection:
            for archive in made:
                for database in archive.drops:
                    connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="module")
def source(archives) -> Archive:
    """A migrated archive with two works, a comment and files (the tests back it up and leave it as it was)."""
    archive = archives("source")
    archive.run("migrate", "--noinput", "-v0")
    stop = archive.data_dir / "stop-now"
    stop.touch()  # the writers' script with one writer, told to stop after its first work
    env = {**archive.env, "BACKUP_TEST_STOP": str(stop)}
    done = subprocess.run(
        [str(SCRIPTORIUM), "shell", "-c", WRITE.replace("range(20)", "range(1)")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    stop.unlink()
    (archive.media / "downloads" / "ab").mkdir(parents=True)
    (archive.media / "downloads" / "ab" / "abc.epub").write_bytes(b"an epub, or so it says")
    return archive


def test_round_trip_while_twenty_clients_write(archives, tmp_path: Path) -> None:
    origin = archives("origin")
    origin.run("migrate", "--noinput", "-v0")
    stop = tmp_path / "stop"
    writers = subprocess.Popen(
        [str(SCRIPTORIUM), "shell", "-c", WRITE],
        env={**origin.env, "BACKUP_TEST_STOP": str(stop)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed: list[int] = []
    ready = threading.Event()

    def follow() -> None:
        for line in writers.stdout:
            if line.startswith("READY"):
                ready.set()
            elif line.startswith("W "):
                committed.append(int(line.split()[1]))

    follower = threading.Thread(target=follow, daemon=True)
    follower.start()
    try:
        assert ready.wait(300), "the writers did not start"
        while len(committed) < 2 * WRITERS and writers.poll() is None:
            time.sleep(0.05)
        before = set(committed)  # committed (and printed) before the backup started
        dest = tmp_path / "backups" / "archive.tar.gz"
        dest.parent.mkdir()
        started = time.monotonic()
        origin.run("backup", str(dest))
        took = time.monotonic() - started
        during = len(committed) - len(before)
        while len(committed) < len(before) + during + WRITERS and writers.poll() is None:
            time.sleep(0.05)  # more works after the backup: the archive went on changing
    finally:
        stop.touch()
        writers.wait(timeout=300)
        follower.join(timeout=30)
    assert writers.returncode == 0, writers.stderr.read()
    assert during > 0, "no work was posted while the backup ran"

    print(f"backup: {took:.1f} s, {len(before)} works before it, {during} posted while it ran, {len(committed)} in all")
    restored = archives("restored")
    done = restored.run("restore", str(dest))
    assert "Restored" in done.stdout

    manifest = _manifest(dest)
    assert manifest["database"]["vendor"] == ("sqlite" if origin.database_url.startswith("sqlite") else "postgresql")
    assert restored.tables() == manifest["tables"]  # every table exactly as the backup's snapshot had it
    assert manifest["tables"]["works_work"]["rows"] > 0
    restored_works = restored.work_ids()
    assert before <= restored_works  # every work committed before the backup started is back
    assert restored_works < origin.work_ids()  # and the snapshot predates the works posted after it
    assert manifest["migrations"]["works"]

    source_files, restored_files = _files(origin.media), _files(restored.media)
    assert {f"uploads/work-{pk}.bin" for pk in before} <= set(restored_files)
    for name, digest in restored_files.items():
        assert source_files[name] == digest, name
    assert (restored.data_dir / "secret_key").read_text() == (origin.data_dir / "secret_key").read_text()
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    assert {f"data/media/{name}": digest for name, digest in restored_files.items()}.items() <= listed.items()


def test_a_backup_holds_the_database_and_the_files_not_drafts_or_static_files(source: Archive, tmp_path: Path) -> None:
    drafts = source.media / "downloads" / ".building" / "build-1"
    drafts.mkdir(parents=True)
    (drafts / "half.epub").write_bytes(b"half an epub")
    (source.media / "uploads" / ".work-9.bin.draft").write_bytes(b"being written")
    (source.data_dir / "static" / "site.css").write_text("body {}")
    dest = tmp_path / "archive.tar"
    try:
        source.run("backup", str(dest))
    finally:
        (drafts / "half.epub").unlink()
        (source.media / "uploads" / ".work-9.bin.draft").unlink()
        (source.data_dir / "static" / "site.css").unlink()

    manifest = _manifest(dest)
    listed = {entry["path"] for entry in manifest["files"]}
    vendor = manifest["database"]["vendor"]
    assert listed == {
        "database.sqlite3" if vendor == "sqlite" else "database.pgdump",
        "data/secret_key",
        "data/media/downloads/ab/abc.epub",
        *(f"data/media/uploads/{path.name}" for path in (source.media / "uploads").iterdir()),
    }
    assert manifest["tables"]["works_work"]["rows"] == 2
    assert "0001_initial" in manifest["migrations"]["works"]
    with tarfile.open(dest) as archive:
        assert sorted(archive.getnames()) == sorted([*listed, "manifest.json"])


def test_restore_refuses_a_data_directory_that_is_not_empty(source: Archive, archives, tmp_path: Path) -> None:
    dest = tmp_path / "archive.tar"
    source.run("backup", str(dest))
    target = archives("occupied")
    (target.data_dir / "media" / "uploads").mkdir(parents=True)
    kept = target.data_dir / "media" / "uploads" / "mine.txt"
    kept.write_text("already here")

    done = target.run("restore", str(dest), check=False)

    assert done.returncode != 0
    assert "data directory is not empty" in done.stderr
    assert str(kept) in done.stderr
    assert kept.read_text() == "already here"
    assert sorted(p.name for p in target.data_dir.iterdir()) == ["media", "secret_key", "static"]
    target.run("migrate", "--noinput", "-v0")  # the database was left as it was: empty, ready for anything


def test_restore_refuses_a_database_that_is_not_empty(source: Archive, archives, tmp_path: Path) -> None:
    dest = tmp_path / "archive.tar"
    source.run("backup", str(dest))
    target = archives("migrated")
    target.run("migrate", "--noinput", "-v0")
    tables = target.tables()

    done = target.run("restore", str(dest), check=False)

    assert done.returncode != 0
    assert "is not empty: a restore goes into an empty database only" in done.stderr
    assert target.tables() == tables
    assert not (target.media / "downloads").exists()


def test_a_damaged_archive_is_refused_naming_the_file(source: Archive, archives, tmp_path: Path) -> None:
    dest = tmp_path / "archive.tar"  # uncompressed, so one byte of one member can be changed
    source.run("backup", str(dest))
    body = bytearray(dest.read_bytes())
    at = body.index(b"an epub, or so it says")
    body[at] ^= 0x20
    dest.write_bytes(bytes(body))
    target = archives("fresh")

    done = target.run("restore", str(dest), check=False)

    assert done.returncode != 0
    assert "data/media/downloads/ab/abc.epub does not match its checksum" in done.stderr
    assert not (target.media).exists()
    assert target.run("restore", "--check", str(dest), check=False).returncode != 0

    truncated = tmp_path / "short.tar.gz"
    source.run("backup", str(truncated))
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    done = target.run("restore", str(truncated), check=False)
    assert done.returncode != 0
    assert "damaged" in done.stderr


def test_a_backup_killed_mid_write_leaves_the_previous_one_and_a_partial_the_next_run_removes(
    source: Archive, tmp_path: Path
) -> None:
    dest = tmp_path / "archive.tar.xz"
    source.run("backup", str(dest))
    previous = hashlib.sha256(dest.read_bytes()).hexdigest()
    large = source.media / "uploads" / "large.bin"
    large.write_bytes(os.urandom(32 * 1024 * 1024))  # xz takes seconds over it
    partial = dest.with_name(dest.name + ".partial")

    running = subprocess.Popen([str(SCRIPTORIUM), "backup", str(dest)], env=source.env, stderr=subprocess.PIPE)
    try:
        while running.poll() is None and not (partial.exists() and partial.stat().st_size > 64 * 1024):
            time.sleep(0.01)
        assert running.poll() is None, "the backup ended before it could be interrupted"
        os.kill(running.pid, signal.SIGKILL)
    finally:
        running.wait(timeout=60)
        large.unlink()
    assert running.returncode == -signal.SIGKILL

    assert hashlib.sha256(dest.read_bytes()).hexdigest() == previous
    assert partial.exists()

    source.run("backup", str(dest))
    assert not partial.exists()
    assert not dest.with_name(dest.name + ".partial.d").exists()
    assert hashlib.sha256(dest.read_bytes()).hexdigest() != previous
    assert "is whole" in source.run("restore", "--check", str(dest)).stdout


SCHEDULED = """
from scriptorium.backups.tasks import backup_scheduled_task
print("BACKUP", backup_scheduled_task.call())
"""


def test_scheduled_backups_keep_the_newest(source: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "scheduled"
    folder.mkdir()
    stale = folder / "scriptorium-20200101-000000.tar.gz.partial"
    stale.write_bytes(b"left by a killed backup")
    env = {**source.env, "SCRIPTORIUM_BACKUP_DIR": str(folder), "SCRIPTORIUM_BACKUP_KEEP": "2"}
    written = []
    for _ in range(3):
        done = subprocess.run(
            [str(SCRIPTORIUM), "shell", "-c", SCHEDULED], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        written.append(Path(done.stdout.split("BACKUP", 1)[1].strip()))

    assert len(set(written)) == 3
    assert sorted(folder.iterdir()) == sorted(written[1:])  # the two newest; the oldest and the partial are gone
    for path in written[1:]:
        assert _manifest(path)["tables"]["works_work"]["rows"] == 2


def test_the_schedule_starts_once(source: Archive, tmp_path: Path) -> None:
    env = {**source.env, "SCRIPTORIUM_TASK_BACKEND": "django_tasks_db.DatabaseBackend"}

    def schedule(**extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(SCRIPTORIUM), "backup", "--schedule"],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    refused = schedule()
    assert refused.returncode != 0
    assert "Set SCRIPTORIUM_BACKUP_DIR" in refused.stderr
    assert (
        "start: the first in 3600 seconds"
        in schedule(SCRIPTORIUM_BACKUP_DIR=str(tmp_path), SCRIPTORIUM_BACKUP_EVERY="hourly").stdout
    )
    assert "already running" in schedule(SCRIPTORIUM_BACKUP_DIR=str(tmp_path)).stdout
