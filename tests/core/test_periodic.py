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
