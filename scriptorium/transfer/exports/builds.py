"""Building downloads once per (work, revision, format), keeping them, and cleaning up old ones.

- After a posted work changes (the ``work_revised`` event, ``transfer.receivers``), a background build of its
  current revision is enqueued (``transfer.tasks.downloads_build_task``). The task skips a revision that has
  been superseded by then, so a writer saving ten times in a minute costs one build.
- A request for a file that is not built yet builds it at once (:func:`download_ready`), or waits for the
  build another process is running, and then serves it: a download never fails because it was not ready.
- Builds run outside any database transaction (SQLite takes its write lock at BEGIN); a row marks the build
  in progress, and its file is written to a scratch folder and renamed into place.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from scriptorium.transfer.exports import ConversionError, converter_for, converters, is_available, store
from scriptorium.transfer.exports.base import Converter
from scriptorium.transfer.exports.snapshot import work_snapshot
from scriptorium.transfer.models import Download
from scriptorium.works.models import Work

logger = logging.getLogger(__name__)

#: How long a request waits for a build another process has started before building itself.
WAIT_SECONDS = 30.0
#: A build still "in progress" after this long was abandoned (its process died).
STALE_SECONDS = 600
#: A failed build is tried again by a request after this long (sooner failures show the error page).
RETRY_FAILED_SECONDS = 300
#: Files nobody references are deleted once they are this old (a build stores its file just before its row).
ORPHAN_SECONDS = 3600


class DownloadUnavailable(Exception):
    """The format is not configured, or its converter cannot run here."""


class DownloadPending(Exception):
    """Another process is still building the file after the wait (a long conversion): ask again shortly."""


class DownloadFailed(Exception):
    """The file could not be built; ``download`` holds the failed row (its ``error`` says why)."""

    def __init__(self, download: Download) -> None:
        super().__init__(download.error)
        self.download = download


def prebuild_formats() -> list[str]:
    """Formats built in the background after a change (``SCRIPTORIUM_DOWNLOAD_PREBUILD``; default: all)."""
    configured = getattr(settings, "SCRIPTORIUM_DOWNLOAD_PREBUILD", None)
    names = list(converters()) if configured is None else list(configured)
    # Our own formats first (a fraction of a second each), then the conversions that read them.
    names.sort(key=lambda name: bool(converter_for(name) and converter_for(name).requires))
    return [name for name in names if is_available(name)]


def _claim(work: Work, format_name: str, revision: int, row: Download | None) -> Download | None:
    """Mark the build as ours; None when another process claimed it first."""
    now = timezone.now()
    if row is None:
        try:
            with transaction.atomic():
                return Download.objects.create(
                    work=work, revision=revision, format=format_name, status=Download.Status.BUILDING, started_at=now
                )
        except IntegrityError:
            return None
    claimed = Download.objects.filter(pk=row.pk, status=row.status, started_at=row.started_at).update(
        status=Download.Status.BUILDING, started_at=now, error=""
    )
    if not claimed:
        return None
    row.refresh_from_db()
    return row


def _build(work: Work, converter: Converter, row: Download) -> Download:
    started = time.monotonic()
    try:
        inputs = {
            name: store.path_of(download_ready(work, name, wait=STALE_SECONDS).path) for name in converter.requires
        }
        snapshot = work_snapshot(work) if converter.needs_work else None
        with store.scratch() as folder:
            target = folder / f"book.{converter.extension}"
            converter.convert(work=snapshot, inputs=inputs, target=target)
            if not target.is_file() or target.stat().st_size == 0:
                raise ConversionError(f"The {converter.label} converter wrote no file.")
            stored = store.store(target, converter.extension)
    except Exception as exc:
        logger.exception("Building the %s download of work %s failed", converter.format, work.pk)
        message = str(exc) if isinstance(exc, ConversionError | DownloadFailed) else f"{type(exc).__name__}: {exc}"
        Download.objects.filter(pk=row.pk).update(
            status=Download.Status.FAILED, error=message[:2000], built_at=timezone.now()
        )
        row.refresh_from_db()
        raise DownloadFailed(row) from exc
    Download.objects.filter(pk=row.pk).update(
        status=Download.Status.READY,
        content_hash=stored.sha256,
        path=stored.name,
        size=stored.size,
        error="",
        built_at=timezone.now(),
        build_seconds=round(time.monotonic() - started, 3),
    )
    row.refresh_from_db()
    return row


def download_ready(work: Work, format_name: str, *, wait: float | None = None, retry_failed: bool = False) -> Download:
    """The built file of ``work``'s current revision in ``format_name``: built now when it is missing, or
    waited for (up to ``wait`` seconds, default :data:`WAIT_SECONDS`) while another process builds it.

    Raises DownloadUnavailable for a format this archive cannot build, DownloadFailed when the build fails,
    DownloadPending when another process is still building it after the wait.
    """
    converter = converter_for(format_name)
    if converter is None or not is_available(format_name):
        raise DownloadUnavailable(format_name)
    revision = work.revision
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    while True:
        row = Download.objects.filter(work=work, revision=revision, format=format_name).first()
        now = timezone.now()
        if row is not None and row.status == Download.Status.READY and store.exists(row.path):
            return row
        building = (
            row is not None
            and row.status == Download.Status.BUILDING
            and row.started_at is not None
            and (now - row.started_at).total_seconds() < STALE_SECONDS
        )
        if building:
            if time.monotonic() >= deadline:
                raise DownloadPending(format_name)
            time.sleep(0.2)
            continue
        recent_failure = (
            row is not None
            and row.status == Download.Status.FAILED
            and row.built_at is not None
            and (now - row.built_at).total_seconds() < RETRY_FAILED_SECONDS
        )
        if recent_failure and not retry_failed:
            raise DownloadFailed(row)
        claimed = _claim(work, format_name, revision, row)
        if claimed is None:
            continue  # another process claimed it a moment ago: wait for it (or take over once it is stale)
        return _build(work, converter, claimed)


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: str = ""


def downloads_build(*, work_id: int, revision: int | None = None, formats: Iterable[str] | None = None) -> BuildReport:
    """Build the downloads of a work's current revision (the background task's body), then clean up the
    files of its older revisions. A revision superseded by a newer one is skipped: that one has its own task."""
    report = BuildReport()
    work = Work.objects.filter(pk=work_id).first()
    if work is None:
        report.skipped = "The work no longer exists."
        return report
    if revision is not None and work.revision != revision:
        report.skipped = f"Revision {revision} was superseded by revision {work.revision}."
        return report
    for name in formats if formats is not None else prebuild_formats():
        try:
            download_ready(work, name, wait=0, retry_failed=True)
        except DownloadUnavailable:
            report.failed[name] = "unavailable"
        except DownloadPending:
            report.failed[name] = "being built by another process"
        except DownloadFailed as exc:
            report.failed[name] = exc.download.error
        else:
            report.built.append(name)
    downloads_cleanup(work_id=work.pk)
    return report


@dataclass
class CleanupReport:
    rows: int = 0
    files: int = 0


def downloads_cleanup(*, work_id: int | None = None, orphans: bool = False) -> CleanupReport:
    """Delete the rows of revisions older than their work's current one (and failed or abandoned ones), then
    each file no remaining row uses. ``orphans``: also sweep files no row names (deleted works, crashed builds)."""
    report = CleanupReport()
    rows = Download.objects.filter(revision__lt=F("work__revision"))
    if work_id is not None:
        rows = rows.filter(work_id=work_id)
    paths = set(rows.exclude(path="").values_list("path", flat=True))
    report.rows, _ = rows.delete()
    for path in paths:
        if not Download.objects.filter(path=path).exists() and store.delete(path):
            report.files += 1
    if orphans:
        referenced = set(Download.objects.exclude(path="").values_list("path", flat=True))
        now = time.time()
        for name, modified in store.stored_files():
            if name not in referenced and now - modified > ORPHAN_SECONDS and store.delete(name):
                report.files += 1
        store.sweep_scratch(older_than=ORPHAN_SECONDS)
    return report
