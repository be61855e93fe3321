"""A real `scriptorium import-efiction` killed with SIGKILL halfway through a generated archive of a few hundred
stories (issue 15, bad input): every story that is in is whole (its work, all its chapters, comments, credits
and tags), nothing points at a story that is not, and running the import again finishes it to exactly what one
clean run makes, search index included.

It runs the command in subprocesses against a database of its own: a SQLite file, or a fresh PostgreSQL database
on the suite's server when the suite runs on PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from scriptorium.efiction.bench import BenchSize, archive_generate
from tests.efiction.builder import SERVER, server_connect

ROOT = Path(__file__).resolve().parents[2]
SIZE = BenchSize(stories=240, chapters=600, reviews=1200, authors=30, words_per_chapter=60)
KILL_AFTER = 40  # stories recorded: past a few commits, well before the end


@dataclass
class Target:
    """One database the command writes to, and how this test reads it."""

    url: str
    data: Path

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "SCRIPTORIUM_DATA_DIR": str(self.data),
            "DATABASE_URL": self.url,
            "SCRIPTORIUM_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            "SCRIPTORIUM_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
        }

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "scriptorium", *args]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args), env=self.env, cwd=self.data, check=check, timeout=900, capture_output=True, text=True
        )

    def rows(self, sql: str) -> list[tuple]:
        if self.url.startswith("sqlite"):
            with closing(sqlite3.connect(self.url.removeprefix("sqlite:///"))) as connection:
                return connection.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.url) as connection:
            return connection.execute(sql).fetchall()


def _postgres_admin_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


@pytest.fixture
def targets(tmp_path: Path) -> Iterator[tuple[Target, Target]]:
    """Two empty databases, migrated: one for the killed import, one for a clean run."""
    admin = _postgres_admin_url()
    made: list[str] = []
    found = []
    for name in ("killed", "clean"):
        data = tmp_path / name
        data.mkdir()
        if admin is None:
            url = f"sqlite:///{data / 'scriptorium.sqlite3'}"
        else:
            import psycopg

            database = f"scriptorium_test_efkill_{secrets.token_hex(4)}"
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{database}"')
            made.append(database)
            url = urlunsplit(urlsplit(admin)._replace(path=f"/{database}"))
        target = Target(url=url, data=data)
        target.run("migrate", "--noinput", "-v0")
        found.append(target)
    yield found[0], found[1]
    if admin is not None:
        import psycopg

        with psycopg.connect(admin, autocommit=True) as connection:
            for database in made:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture
def generated() -> Iterator[str]:
    """A generated eFiction archive (our own filler words) in a new MariaDB database; its address."""
    name = f"scriptorium_test_efkill_{secrets.token_hex(4)}"
    connection = server_connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
            cursor.execute(f"USE `{name}`")
        archive_generate(connection, SIZE, seed=7)
        yield f"{SERVER}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        connection.close()


def _expected(address: str) -> tuple[Counter, Counter]:
    """Chapters per story, and comments per story (each review, and its author's response as a reply)."""
    connection = server_connect(address.rsplit("/", 1)[1])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT sid, COUNT(*) FROM fanfiction_chapters GROUP BY sid")
            chapters = Counter(dict(cursor.fetchall()))
            cursor.execute("SELECT item, COUNT(*) + SUM(respond = '1') FROM fanfiction_reviews GROUP BY item")
            comments = Counter({sid: int(n) for sid, n in cursor.fetchall()})
    finally:
        connection.close()
    return chapters, comments


def _stories(target: Target) -> dict[int, int]:
    return dict(target.rows("SELECT source_id, object_id FROM efiction_efictionrecord WHERE kind = 'story'"))


def _assert_whole(target: Target, chapters: Counter, comments: Counter) -> int:
    """Every recorded story's work is whole; every row of a work belongs to a recorded story. Answers how many."""
    stories = _stories(target)
    works = {work_id for (work_id,) in target.rows("SELECT id FROM works_work")}
    assert works == set(stories.values())  # no work without its record, no record without its work
    per_work = {
        table: Counter(dict(target.rows(f"SELECT work_id, COUNT(*) FROM {table} GROUP BY work_id")))  # noqa: S608
        for table in ("works_chapter", "interactions_comment", "works_externalcreatorship", "works_tagging")
    }
    for table, counts in per_work.items():
        assert set(counts) <= works, f"{table} has rows of a work that is not whole"
    counters = dict(target.rows("SELECT id, comments_count FROM works_work"))
    for sid, work_id in stories.items():
        assert per_work["works_chapter"][work_id] == chapters[sid], f"story {sid}: chapters"
        assert per_work["interactions_comment"][work_id] == comments[sid], f"story {sid}: comments"
        assert counters[work_id] == comments[sid], f"story {sid}: comment counter"
        assert per_work["works_externalcreatorship"][work_id] >= 1, f"story {sid}: credits"
        assert per_work["works_tagging"][work_id] >= 1, f"story {sid}: tags"
    return len(stories)


def _snapshot(target: Target) -> dict:
    """What readers would see of the imported archive, without ids."""
    works = {}
    for work_id, title, posted, rating, complete, words, published, revised in target.rows(
        "SELECT id, title, posted, rating, complete, word_count, published_on, revised_on FROM works_work"
    ):
        works[work_id] = {"work": (title, bool(posted), rating, bool(complete), words, str(published), str(revised))}
    for work_id, position, title, words in target.rows(
        "SELECT work_id, position, title, word_count FROM works_chapter"
    ):
        works[work_id].setdefault("chapters", []).append((position, title, words))
    for work_id, position, name in target.rows(
        "SELECT c.work_id, c.position, e.name FROM works_externalcreatorship c "
        "JOIN works_externalcreator e ON e.id = c.external_creator_id"
    ):
        works[work_id].setdefault("creators", []).append((position, name))
    for work_id, name, kind in target.rows(
        "SELECT g.work_id, t.name, t.type FROM works_tagging g JOIN tags_tag t ON t.id = g.tag_id"
    ):
        works[work_id].setdefault("tags", []).append((name, kind))
    for work_id, name, text, created, reply in target.rows(
        "SELECT work_id, guest_name, text, created_at, parent_id IS NOT NULL FROM interactions_comment"
    ):
        # A review keeps its date; the author's response (a reply) has none in eFiction and is dated on import.
        works[work_id].setdefault("comments", []).append((name, text, "" if reply else str(created)[:19], bool(reply)))
    for work_id, title, position in target.rows(
        "SELECT p.work_id, s.title, p.position FROM works_seriespart p JOIN works_series s ON s.id = p.series_id"
    ):
        works[work_id].setdefault("series", []).append((title, position))
    by_title = {}
    for work in works.values():
        by_title[work["work"][0]] = {key: sorted(value) if key != "work" else value for key, value in work.items()}
    return by_title


def _recorded(target: Target) -> int:
    try:
        return len(_stories(target))
    except Exception:  # the table is not made yet, or locked for a moment: ask again
        return 0


@pytest.mark.slow
def test_an_import_killed_midway_leaves_whole_stories_and_a_rerun_ends_as_one_clean_run(
    targets: tuple[Target, Target], generated: str
) -> None:
    killed, clean = targets
    chapters, comments = _expected(generated)

    running = subprocess.Popen(
        killed.command("import-efiction", generated),
        env=killed.env,
        cwd=killed.data,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 600
        while running.poll() is None and _recorded(killed) < KILL_AFTER:
            assert time.monotonic() < deadline, "the import brought in too few stories to be killed midway"
            time.sleep(0.05)
        assert running.poll() is None, "the import ended before it could be killed"
        os.kill(running.pid, signal.SIGKILL)
    finally:
        running.wait(timeout=60)
    assert running.returncode == -signal.SIGKILL

    done = _assert_whole(killed, chapters, comments)
    assert KILL_AFTER <= done < SIZE.stories

    killed.run("import-efiction", generated)
    assert _assert_whole(killed, chapters, comments) == SIZE.stories
    assert killed.run("search", "check", check=False).returncode == 0  # what the killed run left is indexed

    clean.run("import-efiction", generated)
    assert _snapshot(killed) == _snapshot(clean)
