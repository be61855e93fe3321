"""What the transfer app listens to: downloads follow the works they are built from. Receivers only enqueue."""

from __future__ import annotations

from scriptorium.transfer import tasks
from scriptorium.transfer.exports.builds import prebuild_formats
from scriptorium.works import events as works


@works.work_revised.listen
def work_revised(*, work_id: int, revision: int, posted: bool) -> None:
    """Build the new revision's downloads in the background (posted works only: drafts are built when their
    creators ask for a file). The task skips a revision superseded by then, so ten saves cost one build."""
    if posted and prebuild_formats():
        tasks.downloads_build_task.enqueue(work_id, revision)
