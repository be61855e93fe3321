"""Several files uploaded on the web at once: one background job (``transfer.tasks.import_job_run_task``).

``import_job_create`` checks the upload and stores the files in one transaction, then enqueues the task on
commit; ``import_job_run`` imports them one by one through ``work_import`` (one transaction per file,
so a bad file never takes the others with it) and moves the job's counters as it goes, which the job page shows.
A ZIP is opened by the task: each story inside becomes a file of the job. A file the writer imported before is
skipped with a message naming its work, unless the job allows duplicates. Each step's write is tried again when
the database stays locked longer than its busy timeout (``core.dblocks.retry_when_locked``).
"""

from __future__ import annotations

import logging
import posixpath
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from scriptorium.accounts.archivists import is_archivist
from scriptorium.accounts.models import Pseud, User
from scriptorium.core.dblocks import retry_when_locked
from scriptorium.tags.services import tags_remembered
from scriptorium.transfer.formats import detect_format
from scriptorium.transfer.formats.archive import is_skipped, story_members
from scriptorium.transfer.formats.safety import MAX_MEMBERS, open_zip
from scriptorium.transfer.inputs import Upload, upload_limits_check
from scriptorium.transfer.models import ImportJob, ImportJobFile
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services.imports import AlreadyImported, work_import

#: What a job's file says when the writer imported the same file before (the upload form's checkbox insists).
ALREADY_IMPORTED = "You imported this file before, as “{title}”; it was skipped. To import it again, upload it with "
ALREADY_IMPORTED += "“Import files I imported before” ticked."

logger = logging.getLogger(__name__)

#: Files of an opened ZIP are numbered after it: position = the ZIP's position + 1, 2, … (below this step).
POSITION_STEP = MAX_MEMBERS + 1


def _check_uploads(uploads: list[Upload]) -> None:
    """Refuse the whole upload (nothing is stored) when it breaks a limit (``inputs.upload_limits_check``, the
    same check as the upload form's) or holds an empty file; hostile ZIPs are refused here too, from their
    directory alone, so the uploader hears at once."""
    if not uploads:
        raise ImportRejected("empty", "Choose at least one file to import.")
    upload_limits_check((upload.name, len(upload.data)) for upload in uploads)
    max_bytes = settings.SCRIPTORIUM_IMPORT_MAX_BYTES
    for upload in uploads:
        if not upload.data:
            raise ImportRejected("empty", f"{upload.name} is empty.")
        if detect_format(upload.data, upload.name) == "zip":
            try:
                open_zip(upload.data, max_bytes=max_bytes)
            except ImportRejected as exc:
                raise ImportRejected(exc.code, f"{upload.name}: {exc.message}") from exc


def import_job_create(
    *,
    owner: User,
    uploads: list[Upload],
    pseud: Pseud | None = None,
    draft: bool = False,
    allow_duplicates: bool = False,
    on_behalf: bool = False,
    author_name: str = "",
    author_email: str = "",
) -> ImportJob:
    """Store the uploaded files as a job for ``owner`` and start it in the background (after commit).
    ``on_behalf`` (archivists only, else PermissionDenied): each work is credited to its file's author (or
    ``author_name``) as an external creator, kept by ``pseud``."""
    pseud = pseud or owner.default_pseud
    if on_behalf and not is_archivist(owner):
        raise PermissionDenied("Only archivists may import works on behalf of their authors.")
    if pseud.user_id != owner.pk:
        raise ImportRejected("not-yours", "Works can only be imported under one of your own pseuds.")
    _check_uploads(uploads)
    from scriptorium.transfer.tasks import import_job_run_task

    with transaction.atomic():
        job = ImportJob.objects.create(
            owner=owner,
            pseud=pseud,
            draft=draft,
            allow_duplicates=allow_duplicates,
            on_behalf=on_behalf,
            author_name=" ".join(author_name.split())[:200],
            author_email=author_email.strip(),
            total=len(uploads),
        )
        ImportJobFile.objects.bulk_create(
            ImportJobFile(
                job=job,
                position=index * POSITION_STEP,
                name=posixpath.basename(upload.name.replace("\\", "/"))[:500] or "upload",
                size=len(upload.data),
                data=upload.data,
            )
            for index, upload in enumerate(uploads)
        )
        transaction.on_commit(lambda: import_job_run_task.enqueue(job.pk))
    return job


def import_job_run(*, job_id: int) -> ImportJob:
    """Import every waiting file of the job; a file that fails is reported and the next one goes on."""
    job = ImportJob.objects.select_related("pseud").get(pk=job_id)
    if job.finished:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, started_at=timezone.now())
    try:
        waiting = job.files.filter(status=ImportJobFile.Status.PENDING).order_by("position")
        with tags_remembered():  # each tag name looked up once for the whole job
            for file_id in list(waiting.values_list("pk", flat=True)):
                _handle(job, ImportJobFile.objects.get(pk=file_id))
    except Exception:
        logger.exception("import job %s stopped", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            error="The import stopped because of an error on our side. The files listed as imported are kept.",
        )
        raise
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def _handle(job: ImportJob, row: ImportJobFile) -> None:
    data = bytes(row.data)
    if detect_format(data, row.name) == "zip":
        _expand(job, row, data)
        return
    status, message, work, problems, authors = _import_one(job, data, row.name)

    def record() -> None:
        with transaction.atomic():
            ImportJobFile.objects.filter(pk=row.pk).update(
                status=status, message=message, work=work, problems=problems, author_names=authors, data=b""
            )
            _count(job, imported=work is not None)

    retry_when_locked(record)


def _import_one(job: ImportJob, data: bytes, name: str) -> tuple[str, str, object, int, list[str]]:
    try:
        result = work_import(
            data=data,
            filename=name,
            creator=job.pseud,
            draft=job.draft,
            allow_duplicates=job.allow_duplicates,
            on_behalf=job.on_behalf,
            author_name=job.author_name,
            author_email=job.author_email,
        )
    except AlreadyImported as exc:
        return ImportJobFile.Status.SKIPPED, ALREADY_IMPORTED.format(title=exc.work.title), None, 0, []
    except ImportRejected as exc:
        return ImportJobFile.Status.SKIPPED, exc.message, None, 0, []
    except Exception:
        logger.exception("import job %s: %s failed", job.pk, name)
        failed = "An error on our side stopped this file; it was not imported."
        return ImportJobFile.Status.SKIPPED, failed, None, 0, []
    work = result.work
    message = "Posted." if work.posted else "Saved as a draft."
    if result.external_creators:
        names = ", ".join(e.name for e in result.external_creators)
        message += f" Credited to {names}, archived by you."
    return ImportJobFile.Status.IMPORTED, message, work, len(result.problems), result.author_names


def _count(job: ImportJob, *, imported: bool) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        processed=F("processed") + 1, imported=F("imported") + (1 if imported else 0)
    )


def _expand(job: ImportJob, row: ImportJobFile, data: bytes) -> None:
    """Open a ZIP: it stops counting as one file and each story inside counts instead."""
    max_bytes = settings.SCRIPTORIUM_IMPORT_MAX_BYTES
    try:
        names = [name for name in open_zip(data, max_bytes=max_bytes).names() if not is_skipped(name)]
        members = story_members(data, max_bytes=max_bytes)
    except ImportRejected as exc:
        with transaction.atomic():
            ImportJobFile.objects.filter(pk=row.pk).update(
                status=ImportJobFile.Status.SKIPPED, message=exc.message, data=b""
            )
            _count(job, imported=False)
        return
    with transaction.atomic():
        message = f"{len(names)} file{'s' if len(names) != 1 else ''} inside." if names else "The archive is empty."
        ImportJobFile.objects.filter(pk=row.pk).update(status=ImportJobFile.Status.EXPANDED, message=message, data=b"")
        ImportJob.objects.filter(pk=job.pk).update(total=F("total") + len(names) - 1)
    for offset, member in enumerate(members, start=1):
        if member.error is not None:
            outcome = (ImportJobFile.Status.SKIPPED, member.error.message, None, 0, [])
        else:
            outcome = _import_one(job, member.data, member.name)
        retry_when_locked(partial(_record_member, job, row, offset, member.name, len(member.data), outcome))


def _record_member(
    job: ImportJob,
    row: ImportJobFile,
    offset: int,
    name: str,
    size: int,
    outcome: tuple[str, str, object, int, list[str]],
) -> None:
    status, message, work, problems, authors = outcome
    with transaction.atomic():
        ImportJobFile.objects.create(
            job=job,
            position=row.position + offset,
            name=f"{row.name} › {name}"[:500],
            size=size,
            status=status,
            message=message,
            work=work,
            problems=problems,
            author_names=authors,
        )
        _count(job, imported=work is not None)
