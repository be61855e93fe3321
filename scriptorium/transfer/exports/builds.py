"""Building downloads once per (work, revision, format), keeping them, and cleaning up old ones.

- After a posted work changes (the ``work_revised`` event, ``transfer.receivers``), a background build of its
  current revision is enqueued (``transfer.tasks.downloads_build_task``). The task skips a revision that has
  been superseded by then, so a writer saving ten times in a minute costs one build.
- A reader's request never builds and never waits (:func:`download_request`): it gets the built file, or a row
  marked "building" and one background task (``transfer.tasks.download_build_task``) that builds it, and the
  reader is told the file is being prepared. One reader may have only a few builds pending at a time.
- A build in progress is trusted only while it can still finish (:func:`build_alive`): its task is queued or
  running in a live worker, within its converter's time limit. A dead one (worker killed, task failed or gone)
  is started again by the next request instead of being "prepared" for ever.
- The worker and ``scriptorium export`` may wait for a build (:func:`download_ready`); requests never do.
- Builds run outside any database transaction (SQLite takes its write lock at BEGIN); a row marks the build
  in progress, and its file is written to a scratch folder and renamed into place.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from scriptorium.core.workers import task_state
from scriptorium.transfer import events
from scriptorium.transfer.exports import ConversionError, converter_for, converters, is_available, store
from scriptorium.transfer.exports.base import Converter
from scriptorium.transfer.exports.snapshot import work_snapshot
from scriptorium.transfer.models import Download
from scriptorium.works.models import Work

logger = logging.getLogger(__name__)

#: How long ``scriptorium export`` waits for a build another process is running (requests never wait).
STALE_SECONDS = 600
#: Added to a converter's own time limit before a build nobody can ask about counts as abandoned.
GRACE_SECONDS = 60
#: A failed build is tried again by a request after this long (sooner failures show the error page).
RETRY_FAILED_SECONDS = 300
#: Files nobody references are deleted once they are this old (a build stores its file just before its row).
ORPHAN_SECONDS = 3600
#: How often ``download_ready`` looks again at a build another process is running.
POLL_SECONDS = 0.2


class DownloadUnavailable(Exception):
    """The format is not configured, or its converter cannot run here."""


class DownloadPending(Exception):
    """The file is being built (queued or running): ask again shortly."""


class DownloadThrottled(Exception):
    """This reader already has as many builds pending as they may: ask again once one is ready."""


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


def build_time_limit(converter: Converter) -> float:
    """Seconds a build of this format may take, with the formats it reads, before it counts as abandoned."""
    total = converter.time_limit() + GRACE_SECONDS
    for name in converter.requires:
        required = converter_for(name)
        if required is not None:
            total += required.time_limit()
    return total


def build_state(row: Download, converter: Converter) -> str:
    """Where a "building" row stands: "queued" (its task waits for a worker), "running", or "dead" (its worker
    died, its task ended or is gone, or it ran past its time limit): a dead build is started again."""
    age = (timezone.now() - row.started_at).total_seconds() if row.started_at else float("inf")
    state = task_state(row.task_id) if row.task_id else "unknown"
    if state == "queued":
        return "queued"
    if state in ("finished", "abandoned", "missing"):
        return "dead"
    return "running" if age <= build_time_limit(converter) else "dead"


def build_alive(row: Download | None, converter: Converter) -> bool:
    return row is not None and row.status == Download.Status.BUILDING and build_state(row, converter) != "dead"


def _recent_failure(row: Download | None) -> bool:
    return (
        row is not None
        and row.status == Download.Status.FAILED
        and row.built_at is not None
        and (timezone.now() - row.built_at).total_seconds() < RETRY_FAILED_SECONDS
    )


def _claim(
    work: Work, format_name: str, revision: int, row: Download | None, *, task_id: str = "", client: str = ""
) -> Download | None:
    """Mark the build as ours (``task_id``: the task building it; ``client``: the reader who asked); None when
    another process claimed it first."""
    now = timezone.now()
    if row is None:
        try:
            with transaction.atomic():
                return Download.objects.create(
                    work=work,
                    revision=revision,
                    format=format_name,
                    status=Download.Status.BUILDING,
                    started_at=now,
                    task_id=task_id,
                    client=client,
                )
        except IntegrityError:
            return None
    claimed = Download.objects.filter(pk=row.pk, status=row.status, started_at=row.started_at).update(
        status=Download.Status.BUILDING, started_at=now, error="", task_id=task_id, client=client
    )
    if not claimed:
        return None
    row.refresh_from_db()
    return row


def _build(work: Work, converter: Converter, row: Download) -> Download:
    started = time.monotonic()
    try:
        inputs = {
            name: store.path_of(download_ready(work, name, wait=build_time_limit(converter), task_id=row.task_id).path)
            for name in converter.requires
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
            status=Download.Status.FAILED, error=message[:2000], built_at=timezone.now(), client=""
        )
        row.refresh_from_db()
        raise DownloadFailed(row) from exc
    Download.objects.filter(pk=row.pk).update(
        status=Download.Status.READY,
        content_hash=stored.sha256,
        path=stored.name,
        size=stored.size,
        error="",
        client="",
        built_at=timezone.now(),
        build_seconds=round(time.monotonic() - started, 3),
    )
    events.download_built.announce(download_id=row.pk)
    row.refresh_from_db()
    return row


def _converter_or_unavailable(format_name: str) -> Converter:
    converter = converter_for(format_name)
    if converter is None or not is_available(format_name):
        raise DownloadUnavailable(format_name)
    return converter


def _current_row(work: Work, format_name: str, revision: int) -> Download | None:
    return Download.objects.filter(work=work, revision=revision, format=format_name).first()


def _ready(row: Download | None) -> bool:
    return row is not None and row.status == Download.Status.READY and store.exists(row.path)


def builds_per_client() -> int:
    return int(getattr(settings, "SCRIPTORIUM_DOWNLOAD_BUILDS_PER_CLIENT", 3))


def _pending_builds_of(client: str) -> int:
    """Builds a reader asked for that are still pending (and not yet past the longest time limit)."""
    longest = max((build_time_limit(converter) for converter in converters().values()), default=0)
    since = timezone.now() - datetime.timedelta(seconds=longest)
    return Download.objects.filter(client=client, status=Download.Status.BUILDING, started_at__gte=since).count()


def download_request(work: Work, format_name: str, *, client: str, enqueue: Callable[[int], str]) -> Download:
    """A reader's request: the built file of ``work``'s current revision, at once, or an exception at once.

    Nothing is built or waited for here. A file not built yet (or whose build died) is marked "building" for
    ``client`` (a key for the reader) and ``enqueue(download_id)`` starts its background build, answering the
    task's id; then DownloadPending, unless the task backend built it during ``enqueue`` (no worker: the
    immediate backend). Raises DownloadUnavailable, DownloadPending, DownloadFailed (a recent failure), or
    DownloadThrottled when the reader already has SCRIPTORIUM_DOWNLOAD_BUILDS_PER_CLIENT builds pending.
    """
    converter = _converter_or_unavailable(format_name)
    revision = work.revision
    row = _current_row(work, format_name, revision)
    if _ready(row):
        return row
    if build_alive(row, converter):
        raise DownloadPending(format_name)
    if _recent_failure(row):
        raise DownloadFailed(row)
    if client and _pending_builds_of(client) >= builds_per_client():
        raise DownloadThrottled(format_name)
    claimed = _claim(work, format_name, revision, row, client=client)
    if claimed is None:
        raise DownloadPending(format_name)  # another request claimed it a moment ago
    task_id = enqueue(claimed.pk)
    # Remember the task, unless it already ran (an immediate backend) or a worker took the row over.
    Download.objects.filter(pk=claimed.pk, status=Download.Status.BUILDING, started_at=claimed.started_at).update(
        task_id=str(task_id)
    )
    claimed.refresh_from_db()
    if _ready(claimed):
        return claimed
    if claimed.status == Download.Status.FAILED:
        raise DownloadFailed(claimed)
    raise DownloadPending(format_name)


def download_build_one(*, download_id: int, task_id: str = "") -> str:
    """Build the file a request marked "building" (the body of ``download_build_task``); answer what happened."""
    row = Download.objects.filter(pk=download_id).select_related("work").first()
    if row is None or row.status != Download.Status.BUILDING:
        return "nothing to build"
    if row.work.revision != row.revision:
        return "superseded by a newer revision"
    converter = converter_for(row.format)
    if converter is None or not is_available(row.format):
        Download.objects.filter(pk=row.pk).update(
            status=Download.Status.FAILED, error="This format is not available.", built_at=timezone.now(), client=""
        )
        return "unavailable"
    if row.task_id and row.task_id != task_id and build_state(row, converter) == "running":
        return "being built by another task"
    claimed = Download.objects.filter(pk=row.pk, status=row.status, started_at=row.started_at).update(
        started_at=timezone.now(), task_id=task_id
    )
    if not claimed:
        return "taken over by another process"
    row.refresh_from_db()
    try:
        _build(row.work, converter, row)
    except DownloadFailed as exc:
        return f"failed: {exc.download.error}"
    return "built"


def download_ready(
    work: Work, format_name: str, *, wait: float = 0, retry_failed: bool = False, task_id: str = ""
) -> Download:
    """The built file of ``work``'s current revision in ``format_name``, built here and now when it is missing
    (for the worker and ``scriptorium export``, never a request): a build another process runs is waited for up
    to ``wait`` seconds, a build whose task still waits in the queue is taken over (``task_id``: ours).

    Raises DownloadUnavailable for a format this archive cannot build, DownloadFailed when the build fails,
    DownloadPending when another process is still building it after the wait.
    """
    converter = _converter_or_unavailable(format_name)
    revision = work.revision
    deadline = time.monotonic() + wait
    while True:
        row = _current_row(work, format_name, revision)
        if _ready(row):
            return row
        ours = bool(task_id) and row is not None and row.task_id == task_id  # an earlier run of our own task
        if row is not None and row.status == Download.Status.BUILDING and not ours:
            state = build_state(row, converter)
            if state == "running":
                if time.monotonic() >= deadline:
                    raise DownloadPending(format_name)
                time.sleep(POLL_SECONDS)
                continue
            # "queued": its task would find it built and skip; "dead": nobody will finish it. Either way, ours.
        if _recent_failure(row) and not retry_failed:
            raise DownloadFailed(row)
        claimed = _claim(work, format_name, revision, row, task_id=task_id)
        if claimed is None:
            continue  # another process claimed it a moment ago: look again
        return _build(work, converter, claimed)


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: str = ""


def downloads_build(
    *, work_id: int, revision: int | None = None, formats: Iterable[str] | None = None, task_id: str = ""
) -> BuildReport:
    """Build the downloads of a work's current revision (the background task's body; ``task_id``: its id),
    then clean up the files of its older revisions. A revision superseded by a newer one is skipped: that one
    has its own task."""
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
            download_ready(work, name, wait=0, retry_failed=True, task_id=task_id)
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
