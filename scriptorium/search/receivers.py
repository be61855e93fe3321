"""What the search app listens to. Receivers only enqueue a task.

Row signals (``signals.py``) already follow the rows a service writes; ``work_revised`` covers what changes a
work's index text without touching its own rows: a byline changed through ``works.revisions.works_revise`` (an
external creator credited or claimed, a pseud renamed). The task skips a work already indexed at that revision,
so a revision the row signals indexed first costs one query.
"""

from __future__ import annotations

from scriptorium.search import tasks
from scriptorium.works import events as works


@works.work_revised.listen
def work_revised(*, work_id: int, revision: int, posted: bool) -> None:
    if posted:
        tasks.index_work_revision_task.enqueue(work_id, revision)
