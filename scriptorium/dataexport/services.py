"""Writes: asking for an export, building it (the background task's body), expiring old ones.

- ``export_request``: one export per account; asking again while one is being prepared changes nothing, and
  asking again once it is ready (or failed, or expired) deletes the old file and starts afresh.
- ``export_build``: restartable. It claims the row, counts the attempt, writes the ZIP through a ``.partial``
  file (``archive.write``) and only then marks the row ready, tells the account (inbox and email). A worker
  killed mid-build leaves the row "building": the worker queues the task again (``core.workers``), and the
  next run builds it anew; after ``MAX_ATTEMPTS`` starts it is marked failed ("try again").
- ``export_refresh`` (on each visit of the page) and ``exports_expire`` (periodic) delete expired exports, and
  the former starts again a build whose task is gone.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone

from scriptorium.accounts.models import User
from scriptorium.core.mail import base_url, message_send
from scriptorium.core.workers import task_state
from scriptorium.dataexport import archive, selectors
from scriptorium.dataexport.models import DataExport
from scriptorium.notifications.notices import account_notice_create

logger = logging.getLogger(__name__)

#: Builds started for one request before it is marked failed (a build that kills its worker stops there).
MAX_ATTEMPTS = 3
#: Files in the exports folder that no export names are removed once this old (seconds).
LEFTOVER_SECONDS = 24 * 3600
#: A queued export whose task was never enqueued is started again from its page after this long (seconds).
LOST_SECONDS = 600

State = DataExport.State


def export_days() -> int:
    return max(1, int(getattr(settings, "SCRIPTORIUM_EXPORT_DAYS", 7)))


def _enqueue(export_id: int) -> str:
    from scriptorium.dataexport.tasks import export_build_task

    return str(export_build_task.enqueue(export_id).id)


def _start(export: DataExport) -> DataExport:
    """Enqueue the build of a queued export and remember its task (unless it already ran: the immediate
    backend builds during ``enqueue``)."""
    task_id = _enqueue(export.pk)
    DataExport.objects.filter(pk=export.pk, state=State.QUEUED, task_id="").update(task_id=task_id)
    export.refresh_from_db()
    return export


def export_request(*, user: User) -> DataExport:
    """Ask for a new export of ``user``'s data, built in the background.

    Refused (ValidationError, nothing changed) while one is already being prepared; an earlier ready, failed
    or expired export is replaced, and its file deleted.
    """
    if not user.is_authenticated or not user.is_active or user.is_system:
        raise PermissionDenied("Only an account can export its data.")
    old_path = ""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().filter(user=user).first()
        if export is not None and export.in_progress:
            raise ValidationError("Your data is already being prepared. This page will say when it is ready.")
        fresh = {
            "state": State.QUEUED,
            "created_at": timezone.now(),
            "started_at": None,
            "finished_at": None,
            "expires_at": None,
            "path": "",
            "size": 0,
            "attempts": 0,
            "task_id": "",
            "error": "",
        }
        if export is None:
            try:
                with transaction.atomic():
                    export = DataExport.objects.create(user=user, **fresh)
            except IntegrityError:
                raise ValidationError(
                    "Your data is already being prepared. This page will say when it is ready."
                ) from None
        else:
            old_path = export.path
            for key, value in fresh.items():
                setattr(export, key, value)
            export.save()
    archive.delete(old_path)
    return _start(export)


def _claim(export: DataExport, task_id: str) -> bool:
    """Take the export for this run: counts the attempt. False when another run took it meanwhile."""
    claimed = DataExport.objects.filter(pk=export.pk, state=export.state, attempts=export.attempts).update(
        state=State.BUILDING, started_at=timezone.now(), attempts=F("attempts") + 1, task_id=task_id, error=""
    )
    if claimed:
        export.refresh_from_db()
    return bool(claimed)


def _fail(export: DataExport, message: str) -> None:
    DataExport.objects.filter(pk=export.pk, state=State.BUILDING).update(
        state=State.FAILED, error=message[:2000], finished_at=timezone.now()
    )


def export_build(*, export_id: int, task_id: str = "") -> str:
    """Build a queued export, or one left "building" by a run that died (``task_id``: this run's task); answer
    what happened. Safe to run again: each run writes the whole ZIP anew."""
    export = selectors.export_by_id(export_id)
    if export is None or not export.in_progress:
        return "nothing to build"
    if (
        export.state == State.BUILDING
        and export.task_id
        and export.task_id != task_id
        and task_state(export.task_id) in ("queued", "running")
    ):
        return "being built by another task"
    if export.attempts >= MAX_ATTEMPTS:
        _fail(export, f"The export was started {export.attempts} times without finishing.")
        return "failed: too many attempts"
    if not _claim(export, task_id):
        return "taken over by another run"
    name = archive.relative_name(user_id=export.user_id, export_id=export.pk)
    try:
        size = archive.write(user=export.user, name=name, task_id=task_id)
    except Exception as exc:
        logger.exception("Building data export %s failed", export.pk)
        archive.delete(name)
        _fail(export, f"{type(exc).__name__}: {exc}")
        return "failed"
    now = timezone.now()
    expires = now + datetime.timedelta(days=export_days())
    with transaction.atomic():
        done = DataExport.objects.filter(pk=export.pk, state=State.BUILDING, task_id=task_id).update(
            state=State.READY, path=name, size=size, finished_at=now, expires_at=expires, error=""
        )
        if not done:
            # Asked for again, or taken over, while we built: this file is nobody's.
            if name not in selectors.export_paths():
                archive.delete(name)
            return "superseded"
        _announce(export.user, expires)
    return "built"


def _announce(user: User, expires: datetime.datetime) -> None:
    """The inbox entry now (same transaction as the row), the email once it commits."""
    until = formats.date_format(timezone.localtime(expires), "j F Y")
    link = reverse("dataexport:export")
    account_notice_create(user_id=user.pk, text=f"Your data export is ready to download until {until}.", link=link)
    context = {
        "username": user.username,
        "until": until,
        "page_url": f"{base_url()}{link}",
        "days": export_days(),
    }
    transaction.on_commit(
        lambda: message_send(to=user.email, template="dataexport/email/export_ready", context=context)
    )


def _expire(export: DataExport) -> bool:
    """Delete an expired export (row and file); False when it changed meanwhile."""
    deleted, _ = DataExport.objects.filter(pk=export.pk, state=State.READY, expires_at=export.expires_at).delete()
    if deleted:
        archive.delete(export.path)
    return bool(deleted)


def _task_lost(export: DataExport) -> bool:
    """Whether nothing will ever build this queued or building export: its task ended or is gone, or it was
    never enqueued (the queue was unreachable) and has waited for ``LOST_SECONDS``."""
    if export.task_id:
        return task_state(export.task_id) in ("finished", "missing")
    return export.state == State.QUEUED and (timezone.now() - export.created_at).total_seconds() > LOST_SECONDS


def export_refresh(*, user: User) -> DataExport | None:
    """The account's export as its page shows it: an expired one is deleted (None), a queued or building one
    whose task is gone (a worker killed twice, the queue emptied) is started again or marked failed."""
    export = selectors.export_of(user)
    if export is None:
        return None
    if export.state == State.READY and export.expired:
        _expire(export)
        return None
    if export.state == State.READY and not archive.path_of(export.path).is_file():
        # Its file is gone (the media folder restored from an older backup, removed by hand): offer a new one.
        DataExport.objects.filter(pk=export.pk, state=State.READY, path=export.path).update(
            state=State.FAILED, error="The export's file is missing.", path="", size=0
        )
        export.refresh_from_db()
    if export.in_progress and _task_lost(export):
        if export.attempts >= MAX_ATTEMPTS:
            _fail(export, f"The export was started {export.attempts} times without finishing.")
        else:
            reset = DataExport.objects.filter(pk=export.pk, state=export.state, task_id=export.task_id).update(
                state=State.QUEUED, task_id=""
            )
            if reset:
                export.refresh_from_db()
                _start(export)
        export.refresh_from_db()
    return export


@dataclass
class ExpiryReport:
    expired: int = 0
    leftovers: list[str] = field(default_factory=list)


def exports_expire() -> ExpiryReport:
    """Delete every expired export, and files in the exports folder no export names (left by a dead build or
    an account deleted since) once a day old."""
    report = ExpiryReport()
    for export in selectors.exports_expired().filter(state=State.READY):
        report.expired += _expire(export)
    for name in archive.leftover_files(older_than=LEFTOVER_SECONDS, keep=selectors.export_paths()):
        if archive.path_of(name).exists():
            archive.path_of(name).unlink(missing_ok=True)
            report.leftovers.append(name)
    return report


def export_file(export: DataExport) -> Path:
    return archive.path_of(export.path)


def export_for_download(*, user: User) -> DataExport | None:
    """The account's export when it may be downloaded now (ready, not expired, its file whole and there)."""
    export = export_refresh(user=user)
    if export is None or not export.downloadable or not archive.path_of(export.path).is_file():
        return None
    return export
