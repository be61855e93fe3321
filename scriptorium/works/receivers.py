"""What the works app listens to. Receivers only enqueue; the tasks call ``works.services``."""

from __future__ import annotations

from scriptorium.accounts import events as accounts
from scriptorium.works import tasks


@accounts.pseud_renamed.listen
def pseud_renamed(*, pseud_id: int) -> None:
    tasks.works_pseud_renamed_task.enqueue(pseud_id)
