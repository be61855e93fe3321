"""What the moderation app listens to. Each receiver only enqueues a task."""

from __future__ import annotations

from scriptorium.moderation import tasks
from scriptorium.works import events as works


@works.work_flagged_as_spam.listen
def work_flagged_as_spam(*, work_id: int) -> None:
    """The spam check hid a work: open a case so that a moderator reviews it."""
    tasks.work_spam_case_task.enqueue(work_id)
