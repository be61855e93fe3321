"""Background work for works (run by `scriptorium db_worker`)."""

from __future__ import annotations

from django.tasks import task

from scriptorium.works import services


@task()
def works_pseud_renamed_task(pseud_id: int) -> int:
    """Bump the revisions of the works a renamed pseud is credited on (their downloads show the byline)."""
    return services.works_pseud_renamed(pseud_id=pseud_id)
