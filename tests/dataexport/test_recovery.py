"""A half-built export (its worker killed) is built again, never offered half-built (issue 13, bad input)."""

from __future__ import annotations

import datetime
import zipfile

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from scriptorium.core.workers import tasks_recover
from scriptorium.dataexport import archive as files
from scriptorium.dataexport.models import DataExport
from scriptorium.dataexport.services import MAX_ATTEMPTS, export_build, export_refresh, export_request


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.SCRIPTORIUM_TASK_STALE_SECONDS = 60


def _killed_mid_build(export: DataExport) -> tuple[DBTaskResult, object]:
    """What a worker killed while writing the ZIP leaves: its task "running", the row "building", and half a
    ZIP beside the final name."""
    task = DBTaskResult.objects.get(pk=export.task_id)
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    DBTaskResult.objects.filter(pk=task.pk).update(status="RUNNING", worker_ids=["elsewhere"], started_at=long_ago)
    DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.BUILDING, attempts=1, started_at=long_ago)
    final = files.path_of(files.relative_name(user_id=export.user_id, export_id=export.pk))
    partial = files.partial_of(final)
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"PK\x03\x04 half a zip")
    return task, partial


def test_a_killed_build_is_retried_to_a_whole_zip(archive, database_tasks, client) -> None:
    export = export_request(user=archive.owner)
    assert export.state == DataExport.State.QUEUED and export.task_id  # waits for a worker
    task, partial = _killed_mid_build(export)

    client.force_login(archive.owner)
    page = client.get("/account/export").content.decode()
    assert "Being prepared." in page and "Download my data" not in page
    assert client.get("/account/export/download").status_code == 404  # never the half-built file

    report = tasks_recover(current_worker="next")
    assert report.requeued == [str(task.pk)]
    # The worker runs the task again: the same task id, the row still "building" from the dead run.
    assert export_build(export_id=export.pk, task_id=str(task.pk)) == "built"

    export.refresh_from_db()
    assert export.state == DataExport.State.READY and export.attempts == 2
    assert not partial.exists()
    built = files.path_of(export.path)
    assert zipfile.ZipFile(built).testzip() is None
    assert "profile.json" in zipfile.ZipFile(built).namelist()
    response = client.get("/account/export/download")
    assert response.status_code == 200


def test_a_build_whose_task_is_gone_is_started_again_from_the_page(archive, database_tasks) -> None:
    export = export_request(user=archive.owner)
    DBTaskResult.objects.filter(pk=export.task_id).delete()  # the queue lost it
    DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.BUILDING, attempts=1)

    refreshed = export_refresh(user=archive.owner)
    assert refreshed.state == DataExport.State.QUEUED
    assert refreshed.task_id and refreshed.task_id != export.task_id
    assert DBTaskResult.objects.filter(pk=refreshed.task_id, status="READY").exists()


def test_a_build_that_keeps_dying_ends_failed_not_building_for_ever(archive, database_tasks, client) -> None:
    export = export_request(user=archive.owner)
    DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.BUILDING, attempts=MAX_ATTEMPTS)
    assert export_build(export_id=export.pk, task_id=export.task_id) == "failed: too many attempts"
    export.refresh_from_db()
    assert export.state == DataExport.State.FAILED and not export.path
    client.force_login(archive.owner)
    assert "Try again" in client.get("/account/export").content.decode()


def test_a_leftover_partial_file_is_never_taken_for_the_export(archive) -> None:
    name = files.relative_name(user_id=archive.owner.pk, export_id=1)
    partial = files.partial_of(files.path_of(name))
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"garbage")
    size = files.write(user=archive.owner, name=name)
    assert not partial.exists()
    assert size == files.path_of(name).stat().st_size
    assert zipfile.ZipFile(files.path_of(name)).testzip() is None


def test_an_export_never_enqueued_is_started_from_the_page(archive, database_tasks) -> None:
    DataExport.objects.create(
        user=archive.owner, created_at=timezone.now() - datetime.timedelta(hours=1)
    )  # queued, no task: the queue was unreachable when it was asked for
    refreshed = export_refresh(user=archive.owner)
    assert refreshed.state == DataExport.State.QUEUED and refreshed.task_id
    assert DBTaskResult.objects.filter(pk=refreshed.task_id, status="READY").exists()
