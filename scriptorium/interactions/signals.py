"""Counters stay right when rows go by cascade (a chapter, a comment thread or an account deleted elsewhere):
the services delete no kudos or comments themselves, so these receivers are the only other writers of those
counters. Bookmarks are deleted by their service too, and counted down here in both cases.

A work about to be deleted (by any path: its creator, the admin, a script) is first remembered in its readers'
bookmarks and history entries, in the same transaction, so those stay as "This work has been deleted"."""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from scriptorium.interactions.models import Bookmark, Comment, Kudos
from scriptorium.interactions.services.remembered import work_remember
from scriptorium.works.models import Work


def _decrement(work_id: int, field: str) -> None:
    Work.objects.filter(pk=work_id).update(**{field: Greatest(F(field) - 1, 0)})


@receiver(post_delete, sender=Kudos, dispatch_uid="interactions_kudos_deleted")
def kudos_deleted(sender: type[Kudos], instance: Kudos, **kwargs: object) -> None:
    if instance.chapter_id is None:
        _decrement(instance.work_id, "kudos_count")


@receiver(post_delete, sender=Comment, dispatch_uid="interactions_comment_deleted")
def comment_deleted(sender: type[Comment], instance: Comment, **kwargs: object) -> None:
    if instance.counts:
        _decrement(instance.work_id, "comments_count")


@receiver(post_delete, sender=Bookmark, dispatch_uid="interactions_bookmark_deleted")
def bookmark_deleted(sender: type[Bookmark], instance: Bookmark, **kwargs: object) -> None:
    """Every bookmark deletion (the bookmarker's, or a cascade from their account) comes through here."""
    if instance.counts:
        _decrement(instance.work_id, "bookmarks_count")


@receiver(pre_delete, sender=Work, dispatch_uid="interactions_work_deleting")
def work_deleting(sender: type[Work], instance: Work, **kwargs: object) -> None:
    """Readers' bookmarks and history keep what the work was (their links to it are cleared by the deletion)."""
    work_remember(work_id=instance.pk)
