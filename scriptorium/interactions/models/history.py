"""Reading history and Marked for Later: one row per account and work."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from scriptorium.interactions.models.remembered import RemembersWork


class Reading(RemembersWork):
    """What one account has read of a work: the last chapter and paragraph, when, and how many times.

    ``views`` is 0 for a work only marked for later and not read since the history was last cleared. Written
    by ``scriptorium.interactions.services.history`` (one upsert per page view). When the work is deleted the
    entry stays, as a deleted work with its title remembered (``RemembersWork``), until the reader removes it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readings")
    work = models.ForeignKey("works.Work", on_delete=models.SET_NULL, null=True, blank=True, related_name="readings")
    chapter = models.ForeignKey("works.Chapter", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    #: The last paragraph seen in ``chapter`` (1-based; 0 when unknown), posted by the reading-position script.
    paragraph = models.PositiveIntegerField(default=0)
    views = models.PositiveIntegerField(default=0)
    last_read_at = models.DateTimeField(null=True, blank=True)
    marked_for_later = models.BooleanField(default=False)
    marked_at = models.DateTimeField(null=True, blank=True)
    #: The work's posted chapters when the reader last opened it: more now are "new since you read".
    chapters_seen = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "work"], name="reading_user_work_unique")]
        indexes = [
            models.Index(fields=["user", "-last_read_at"], name="reading_user_recent_idx"),
            models.Index(fields=["user", "marked_for_later", "-marked_at"], name="reading_user_later_idx"),
        ]

    def __str__(self) -> str:
        return f"User {self.user_id} read work {self.work_id} {self.views} times"

    @property
    def in_history(self) -> bool:
        return self.views > 0

    @property
    def new_chapters(self) -> int:
        """Chapters posted since the reader last opened the work (needs ``work``; 0 when it is gone)."""
        if not self.views or self.work is None:
            return 0
        return max(0, self.work.chapter_count - self.chapters_seen)

    @property
    def chapters_left(self) -> int:
        """Chapters after the one last opened (needs ``work`` and ``chapter``; 0 when either is gone)."""
        if not self.views or self.work is None or self.chapter is None:
            return 0
        return max(0, self.work.chapter_count - self.chapter.position)

    @property
    def anchor(self) -> str:
        return f"reading-{self.work_id}" if self.work_id else f"reading-deleted-{self.pk}"


class HistoryPause(models.Model):
    """Present while an account has turned its reading history off (absent is the default: on)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="history_pause")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"History off for user {self.user_id}"
