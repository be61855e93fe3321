"""Periodic chains start once: starting them again (a server restart) does not add a second chain."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from scriptorium.core.periodic import PERIODIC, periodic_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.SCRIPTORIUM_HITS_FLUSH_SECONDS = 300
    settings.SCRIPTORIUM_BACKUP_DIR = str(tmp_path)  # the backup chain runs only where a folder is set
    cache.clear()


def test_each_chain_starts_once(database_tasks) -> None:
    assert periodic_start() == [p.name for p in PERIODIC]
    waiting = sorted(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))
    assert waiting == sorted(p.task_path for p in PERIODIC)
    cache.clear()  # a new server process: its memory cache knows nothing
    assert periodic_start() == []
    assert DBTaskResult.objects.filter(status="READY").count() == len(PERIODIC)


def test_a_worker_run_on_its_own_starts_the_chains(database_tasks) -> None:
    """``serve --no-worker`` beside ``scriptorium db_worker`` as a service: the worker starts the periodic chains
    (before, only ``serve`` with its worker did, so hits, digests and scheduled backups never ran)."""
    from io import StringIO
    from unittest import mock

    from django.core.management import call_command
    from django_tasks_db.management.commands.db_worker import Command as PackageWorker

    out = StringIO()
    with mock.patch.object(PackageWorker, "handle"):  # the worker's loop itself is the package's
        call_command("db_worker", "--worker-id", "solo", stdout=out)
    waiting = sorted(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))
    assert waiting == sorted(p.task_path for p in PERIODIC)
    assert "Started the periodic task" in out.getvalue()
