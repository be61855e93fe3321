"""Background tasks for downloads (run by `scriptorium db_worker`)."""

from __future__ import annotations

from dataclasses import asdict

from django.tasks import TaskContext, task

from scriptorium.transfer.exports.builds import download_build_one, downloads_build, downloads_cleanup


@task(takes_context=True)
def downloads_build_task(context: TaskContext, work_id: int, revision: int) -> dict[str, object]:
    """Build every download of one revision of a work (skipped when a newer revision exists)."""
    return asdict(downloads_build(work_id=work_id, revision=revision, task_id=str(context.task_result.id)))


@task(takes_context=True)
def download_build_task(context: TaskContext, download_id: int) -> str:
    """Build the one file a reader asked for (the row their request marked "building")."""
    return download_build_one(download_id=download_id, task_id=str(context.task_result.id))


@task()
def downloads_cleanup_task() -> dict[str, int]:
    """Delete the files of old revisions and of deleted works."""
    return asdict(downloads_cleanup(orphans=True))


@task()
def import_job_run_task(job_id: int) -> dict[str, int]:
    """Import the files of one web upload (``transfer.services.jobs``)."""
    from scriptorium.transfer.services import import_job_run

    job = import_job_run(job_id=job_id)
    return {"total": job.total, "imported": job.imported, "processed": job.processed}
