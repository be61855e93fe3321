"""What a reader's own rows (bookmarks, history) keep of a work once the work is deleted."""

from __future__ import annotations

from django.db import models

from scriptorium.tags.vocabulary import TITLE_MAX


class RemembersWork(models.Model):
    """The title, creators and fandoms of the work as they were when it was deleted, and when that was.

    Empty while the work exists (its own rows are shown then). Written in the deleting transaction, just before
    the work goes (``interactions.signals``), so they are exactly what readers last saw, however it was deleted.
    """

    work_title = models.CharField(max_length=TITLE_MAX, blank=True)
    #: Display names in credit order ("Pen Name (login)"), as the work's byline showed them.
    work_creators = models.JSONField(default=list, blank=True)
    work_fandoms = models.JSONField(default=list, blank=True)
    work_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def work_deleted(self) -> bool:
        return self.work_deleted_at is not None
