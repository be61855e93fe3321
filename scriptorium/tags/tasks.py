"""Background tasks for tags (run by `scriptorium db_worker`)."""

from __future__ import annotations

from django.tasks import task

from scriptorium.tags.filters import filter_refresh_run


@task()
def filters_refresh_task(refresh_id: int) -> int:
    """Recompute the filters of the works a large wrangling change moved."""
    return filter_refresh_run(refresh_id=refresh_id)
