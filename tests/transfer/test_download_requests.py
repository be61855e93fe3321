"""A download request never builds and never waits (issue 14, findings 1 and 7).

With the database task backend (as on a real archive, a worker beside the server), a file not built yet is
marked "building", its build is enqueued once, and the reader gets the "being prepared" page at once; a reader
with too many builds pending is asked to wait (429) without holding anyone else up; a build whose task died, ended
or vanished is started again by the next request instead of being "prepared" for ever.
"""

from __future__ import annotations

import datetime
import shutil
import threading
import urllib.error
import urllib.request
from unittest import mock

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection, connections
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from scriptorium.core import workers
from scriptorium.transfer.exports.builds import download_build_one
from scriptorium.transfer.exports.calibre import PROGRAM
from scriptorium.transfer.exports.epub import EpubConverter
from scriptorium.transfer.models import Download
from tests.factories import UserFactory, make_work

BUILD_TASK = "scriptorium.transfer.tasks.download_build_task"


@pytest.fixture(autouse=True)
def _database_tasks(settings, tmp_path):
    """Tasks wait in the database for a worker, as with `scriptorium serve`; no calibre (its formats aside)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.DATA_DIR = tmp_path / "data"
    real = shutil.which
    with mock.patch("shutil.which", lambda name, *args, **kwargs: None if name == PROGRAM else real(name)):
        yield


def url(work, format_name: str = "epub") -> str:
    return reverse("transfer:download", kwargs={"work_id": work.pk, "format_name": format_name})


def build_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=BUILD_TASK))


def never_waits():
    return mock.patch("scriptorium.transfer.exports.builds.time.sleep", side_effect=AssertionError("waited"))


@pytest.mark.django_db
def test_a_file_not_built_yet_answers_at_once_and_is_built_in_the_background(client, work) -> None:
    with never_waits(), mock.patch.object(EpubConverter, "convert", side_effect=AssertionError("built inline")):
        first = client.get(url(work))
        second = client.get(url(work))
    for response in (first, second):
        assert response.status_code == 202
        assert response["Refresh"] == response["Retry-After"] == "3"
        assert b"is being prepared" in response.content
    row = Download.objects.get(work=work, format="epub")
    (task,) = build_tasks()  # enqueued once, for both requests
    assert row.status == Download.Status.BUILDING and row.task_id == str(task.pk)
    assert task.args_kwargs["args"] == [row.pk]

    # The worker runs the task; the reader's page reloads and gets the file.
    assert download_build_one(download_id=row.pk, task_id=row.task_id) == "built"
    response = client.get(url(work))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"PK")
    assert Download.objects.get(pk=row.pk).client == ""  # who asked is forgotten once it is built
    assert len(build_tasks()) == 1


@pytest.mark.django_db
def test_a_reader_may_have_only_a_few_builds_pending(client, work, settings) -> None:
    settings.SCRIPTORIUM_DOWNLOAD_BUILDS_PER_CLIENT = 2
    with never_waits():
        assert client.get(url(work, "epub")).status_code == 202
        assert client.get(url(work, "html")).status_code == 202
        refused = client.get(url(work, "txt"))
        assert refused.status_code == 429
        assert refused["Retry-After"] == "60"
        assert b"Too many downloads being prepared" in refused.content and b"try again in a minute" in refused.content
        assert not Download.objects.filter(format="txt").exists()  # nothing started for it
        # What is already being prepared still answers "being prepared", not "too many".
        assert client.get(url(work, "epub")).status_code == 202
        # Another reader is not held up by this one.
        assert client.get(url(work, "txt"), REMOTE_ADDR="192.0.2.7").status_code == 202
        # Once one of the reader's files is built, they may ask for another.
        download_build_one(download_id=Download.objects.get(format="epub").pk)
        assert client.get(url(work, "md")).status_code == 202
    assert len(build_tasks()) == 4


@pytest.mark.django_db
def test_the_limit_counts_per_account_not_per_shared_address(client, work, settings) -> None:
    settings.SCRIPTORIUM_DOWNLOAD_BUILDS_PER_CLIENT = 1
    other = make_work(creator=UserFactory())
    with never_waits():
        assert client.get(url(work, "epub")).status_code == 202
        assert client.get(url(other, "epub")).status_code == 429
        client.force_login(UserFactory())  # same address, signed in: a reader of their own
        assert client.get(url(other, "epub")).status_code == 202


def _building(work, format_name: str, task: DBTaskResult | None = None, task_id: str = "") -> Download:
    return Download.objects.create(
        work=work,
        revision=work.revision,
        format=format_name,
        status=Download.Status.BUILDING,
        started_at=timezone.now(),
        task_id=str(task.pk) if task else task_id,
    )


def _task(status: str, worker_ids: list[str] | None = None) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [0], "kwargs": {}},
        task_path=BUILD_TASK,
        backend_name="default",
        run_after=timezone.now(),
        worker_ids=worker_ids or [],
        started_at=timezone.now() if status != "READY" else None,
    )


@pytest.mark.django_db
def test_a_build_whose_task_died_is_started_again_at_once(client, work, settings) -> None:
    """The worker building it was killed (its lock is free), its task failed, or its task row is gone: the next
    request starts a new build instead of showing "being prepared" until a ten-minute timer runs out."""
    dead_worker = "worker-killed-9"
    lock = workers._lock_path(dead_worker)
    lock.parent.mkdir(parents=True)
    lock.write_text("4242\n")  # a worker's lock file that no living process holds
    rows = {
        "epub": _building(work, "epub", _task("RUNNING", [dead_worker])),
        "html": _building(work, "html", _task("FAILED", ["worker-a"])),
        "txt": _building(work, "txt", task_id="9f2c0c7e-0000-4000-8000-000000000000"),
    }
    with never_waits():
        for format_name, row in rows.items():
            assert client.get(url(work, format_name)).status_code == 202
            renewed = Download.objects.get(pk=row.pk)
            assert renewed.task_id != row.task_id, format_name
            assert DBTaskResult.objects.get(pk=renewed.task_id).status == "READY"


@pytest.mark.django_db
def test_a_live_or_queued_build_is_left_alone(client, work) -> None:
    live_worker = "worker-alive"
    assert workers.worker_hold(live_worker)
    try:
        rows = [
            _building(work, "epub", _task("RUNNING", [live_worker])),
            _building(work, "html", _task("READY")),
            # Queued for a while behind a long import: still its task's to build.
            _building(work, "txt", _task("READY")),
        ]
        Download.objects.filter(pk=rows[2].pk).update(started_at=timezone.now() - datetime.timedelta(hours=2))
        with never_waits():
            for row in rows:
                assert client.get(url(work, row.format)).status_code == 202
                assert Download.objects.get(pk=row.pk).task_id == row.task_id
        assert len(build_tasks()) == 3  # the three above, none added
    finally:
        workers._held.pop(live_worker).close()


@pytest.fixture
def server_url(request):
    """The server the readers ask. On PostgreSQL the test session's threaded live server, each thread with its
    own connection, as in production. The SQLite test database lives in memory, and Django's live server then
    hands its one connection to every server thread; concurrent requests on one SQLite connection break each
    other's transactions (a row one request created vanishing under another), which no real server does (each
    of its threads opens the database file). So on SQLite the readers ask a server of their own that answers one
    request at a time: a request that waited would then hold up every other, so the test is as strict."""
    if connection.vendor != "sqlite":
        yield request.getfixturevalue("live_server").url
        return

    class OneRequestAtATime(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):  # requests run in the server's thread,
            super().__init__(*args, **kwargs)  # which LiveServerThread already gives the shared connection

    class OneAtATime(LiveServerThread):
        server_class = OneRequestAtATime

    shared = connections["default"]
    shared.inc_thread_sharing()  # as Django's LiveServerTestCase does
    thread = OneAtATime("127.0.0.1", _StaticFilesHandler, connections_override={"default": shared}, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    shared.dec_thread_sharing()


@pytest.mark.django_db(transaction=True)
def test_many_readers_of_a_file_being_built_hold_no_server_thread(server_url) -> None:
    """Ten guests ask at once for a file nobody has built yet while another reader opens the work's page: every
    request is answered, nobody's request builds it (the builder is never entered in the server), and its
    build is enqueued once."""
    work = make_work(creator=UserFactory())
    entered = threading.Event()
    release = threading.Event()

    def slow_convert(*args, **kwargs):  # a conversion that would hold its thread until the test ends
        entered.set()
        release.wait(timeout=60)
        raise RuntimeError("not finished")

    statuses: list[int] = []
    lock = threading.Lock()

    def fetch(path: str) -> None:
        try:
            status = _status(server_url + path)
        except urllib.error.HTTPError as error:
            status = error.code
        with lock:
            statuses.append(status)

    with mock.patch.object(EpubConverter, "convert", side_effect=slow_convert):
        guests = [threading.Thread(target=fetch, args=(url(work),)) for _ in range(10)]
        for guest in guests:
            guest.start()
        page = {}
        reader = threading.Thread(target=lambda: page.update(status=_status(server_url + work.get_absolute_url())))
        reader.start()
        for thread in [*guests, reader]:
            thread.join(timeout=120)
        release.set()
    assert not any(thread.is_alive() for thread in [*guests, reader])
    assert page == {"status": 200}
    assert sorted(statuses) == [202] * 10
    assert not entered.is_set()
    assert len(build_tasks()) == 1
    assert Download.objects.get(work=work, format="epub").status == Download.Status.BUILDING


def _status(address: str) -> int:
    with urllib.request.urlopen(address, timeout=90) as response:  # noqa: S310 - the live server
        return response.status
