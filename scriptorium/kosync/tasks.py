"""Background work of the sync app: ids in, a service call out (safe to run twice or late)."""

from __future__ import annotations

from django.tasks import task

from scriptorium.kosync import services


@task
def download_fingerprint_task(download_id: int) -> bool:
    return services.download_fingerprint(download_id=download_id)
