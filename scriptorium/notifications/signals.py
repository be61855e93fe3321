"""Receivers that only enqueue a task once the change has committed; the tasks do the work (``events``)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from scriptorium.interactions.events import comment_approved
from scriptorium.interactions.models import Comment, Kudos
from scriptorium.notifications import tasks
from scriptorium.works.models import Chapter, SeriesPart, Work


def _later(task: object, object_id: int) -> None:
    transaction.on_commit(partial(task.enqueue, object_id))


@receiver(post_save, sender=Comment, dispatch_uid="notifications_comment_saved")
def comment_saved(sender: type[Comment], instance: Comment, created: bool, **kwargs: object) -> None:
    if created:
        _later(tasks.comment_task, instance.pk)


@receiver(comment_approved, dispatch_uid="notifications_comment_approved")
def comment_was_approved(sender: type[Comment], comment: Comment, **kwargs: object) -> None:
    """A held comment published by a creator: now its thread hears about it."""
    _later(tasks.comment_task, comment.pk)


@receiver(post_save, sender=Kudos, dispatch_uid="notifications_kudos_saved")
def kudos_saved(sender: type[Kudos], instance: Kudos, created: bool, **kwargs: object) -> None:
    if created and instance.chapter_id is None:
        _later(tasks.kudos_task, instance.pk)


@receiver(post_save, sender=Work, dispatch_uid="notifications_work_saved")
def work_saved(sender: type[Work], instance: Work, **kwargs: object) -> None:
    """Every save of a posted work: the task announces it the first time only (``Announcement``)."""
    if instance.posted and not kwargs.get("raw"):
        _later(tasks.work_announce_task, instance.pk)


@receiver(post_save, sender=Chapter, dispatch_uid="notifications_chapter_saved")
def chapter_saved(sender: type[Chapter], instance: Chapter, created: bool, **kwargs: object) -> None:
    if created and instance.published_on is not None:
        _later(tasks.chapter_task, instance.pk)


@receiver(post_save, sender=SeriesPart, dispatch_uid="notifications_series_part_saved")
def series_part_saved(sender: type[SeriesPart], instance: SeriesPart, created: bool, **kwargs: object) -> None:
    if created:
        _later(tasks.series_part_task, instance.pk)
