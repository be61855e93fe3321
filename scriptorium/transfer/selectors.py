"""Reads for the transfer pages and imports: a writer's import jobs (anyone else's answer like missing ones) and the
files an account imported before."""

from __future__ import annotations

from django.db.models import QuerySet

from scriptorium.accounts.models import User
from scriptorium.transfer.models import ImportedFile, ImportJob, ImportJobFile


def import_jobs_of(owner: User, *, count: int) -> QuerySet[ImportJob]:
    """The owner's newest import jobs."""
    return ImportJob.objects.filter(owner=owner)[:count]


def import_job_of(owner: User, job_id: int) -> ImportJob | None:
    """The job if it is ``owner``'s, else None (someone else's is as missing as one that never was)."""
    return ImportJob.objects.filter(pk=job_id, owner=owner).select_related("pseud").first()


def import_job_files(job: ImportJob) -> QuerySet[ImportJobFile]:
    """The job's files in upload order, without their stored bytes, with the works they became."""
    return job.files.defer("data").select_related("work").order_by("position")


def imported_file_of(owner: User, content_hash: str) -> ImportedFile | None:
    """The newest record of ``owner`` importing a file with these bytes whose work still exists, else None."""
    return (
        ImportedFile.objects.filter(owner=owner, content_hash=content_hash)
        .select_related("work")
        .order_by("-id")
        .first()
    )
