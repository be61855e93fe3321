"""What the sync app listens to: a built download is fingerprinted for KOReader. Receivers only enqueue."""

from __future__ import annotations

from scriptorium.kosync import tasks
from scriptorium.transfer import events as transfer


@transfer.download_built.listen
def download_built(*, download_id: int) -> None:
    tasks.download_fingerprint_task.enqueue(download_id)
