"""A reader asks for a download: the file at once, or its build started in the background (never waited for)."""

from __future__ import annotations

from scriptorium.transfer.exports import builds
from scriptorium.transfer.models import Download
from scriptorium.works.models import Work


def _enqueue_build(download_id: int) -> str:
    from scriptorium.transfer.tasks import download_build_task

    return str(download_build_task.enqueue(download_id).id)


def download_request(*, work: Work, format_name: str, client: str) -> Download:
    """The built file of ``work`` in ``format_name``, or its build enqueued once for ``client`` (a key for the
    reader: the per-reader limit). The caller has checked that the reader may open the work. Raises
    ``builds.DownloadPending``, ``DownloadFailed``, ``DownloadThrottled`` or ``DownloadUnavailable``."""
    return builds.download_request(work, format_name, client=client, enqueue=_enqueue_build)
