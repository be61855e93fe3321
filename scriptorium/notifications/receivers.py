"""What the notifications app listens to. Each receiver only enqueues a task; the tasks call ``delivery``,
which decides who hears what."""

from __future__ import annotations

from scriptorium.interactions import events as interactions
from scriptorium.moderation import events as moderation
from scriptorium.notifications import tasks
from scriptorium.works import events as works


@interactions.comment_posted.listen
def comment_posted(*, comment_id: int) -> None:
    tasks.comment_task.enqueue(comment_id)


@interactions.comment_approved.listen
def comment_approved(*, comment_id: int) -> None:
    """A held comment published by a creator: now its thread hears about it."""
    tasks.comment_task.enqueue(comment_id)


@interactions.kudos_given.listen
def kudos_given(*, kudos_id: int, work_id: int, chapter_id: int | None) -> None:
    if chapter_id is None:  # kudos on a chapter are counted in statistics, not announced
        tasks.kudos_task.enqueue(kudos_id)


@works.work_posted.listen
def work_posted(*, work_id: int) -> None:
    tasks.work_announce_task.enqueue(work_id)


@works.chapter_posted.listen
def chapter_posted(*, work_id: int, chapter_id: int) -> None:
    tasks.chapter_task.enqueue(chapter_id)


@works.work_added_to_series.listen
def work_added_to_series(*, series_id: int, work_id: int) -> None:
    tasks.series_work_task.enqueue(series_id, work_id)


@works.creator_invited.listen
def creator_invited(*, invitation_id: int) -> None:
    """Tell the invited account (inbox and email)."""
    tasks.co_creator_invitation_task.enqueue(invitation_id)


@works.creator_invitation_answered.listen
def creator_invitation_answered(*, invitation_id: int, accepted: bool) -> None:
    """The invitee's entry is answered (marked read); the inviter hears of the answer."""
    tasks.co_creator_answer_task.enqueue(invitation_id)


@moderation.action_taken.listen
def moderation_action_taken(*, action_id: int) -> None:
    """Tell the accounts a moderator's action concerns (the creators, a comment's author, the account)."""
    tasks.moderation_action_task.enqueue(action_id)


@moderation.case_closed.listen
def moderation_case_closed(*, case_id: int) -> None:
    """Tell the reporters who asked what became of their report."""
    tasks.moderation_outcome_task.enqueue(case_id)
