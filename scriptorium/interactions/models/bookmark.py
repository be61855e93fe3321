"""Bookmarks: a reader's saved works, series and links to stories elsewhere, with their own notes and tags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from scriptorium.interactions.models.remembered import RemembersWork

#: Notes may be at most this many characters as typed.
BOOKMARK_NOTES_MAX = 5_000
#: At most this many of the bookmarker's own tags on one bookmark, each at most ``BOOKMARK_TAG_MAX`` long.
BOOKMARK_TAGS_MAX = 30
BOOKMARK_TAG_MAX = 100
EXTERNAL_URL_MAX = 2_000
EXTERNAL_TITLE_MAX = 255
EXTERNAL_CREATOR_MAX = 255
EXTERNAL_SUMMARY_MAX = 2_000


class ExternalWork(models.Model):
    """A story published elsewhere, as one bookmarker described it (each external bookmark has its own)."""

    url = models.URLField(max_length=EXTERNAL_URL_MAX)
    title = models.CharField(max_length=EXTERNAL_TITLE_MAX)
    creator = models.CharField(max_length=EXTERNAL_CREATOR_MAX)
    summary = models.TextField(blank=True)  # sanitized HTML
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class Bookmark(RemembersWork):
    """One account's bookmark of exactly one of: a work, a series, an external work; or of a work since deleted.

    ``tags`` are the bookmarker's own labels, kept as a plain list of names: they are personal (often on
    private bookmarks) and are not wrangled, so they stay out of the archive's tag table. ``private`` bookmarks
    are shown to their owner only and do not count in ``Work.bookmarks_count``. Written only through
    ``scriptorium.interactions.services``. When its work is deleted the bookmark stays, with the bookmarker's
    notes and tags, and remembers what the work was (``RemembersWork``).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    work = models.ForeignKey("works.Work", on_delete=models.SET_NULL, null=True, blank=True, related_name="bookmarks")
    series = models.ForeignKey(
        "works.Series", on_delete=models.CASCADE, null=True, blank=True, related_name="bookmarks"
    )
    external = models.OneToOneField(
        ExternalWork, on_delete=models.CASCADE, null=True, blank=True, related_name="bookmark"
    )
    notes = models.TextField(blank=True)  # sanitized HTML
    tags = models.JSONField(default=list, blank=True)
    rec = models.BooleanField(default=False, help_text="Recommended to others.")
    private = models.BooleanField(default=False, help_text="Only the bookmarker sees it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(work__isnull=False, series__isnull=True, external__isnull=True)
                    | Q(work__isnull=True, series__isnull=False, external__isnull=True)
                    | Q(work__isnull=True, series__isnull=True, external__isnull=False)
                    | Q(work__isnull=True, series__isnull=True, external__isnull=True, work_deleted_at__isnull=False)
                ),
                name="bookmark_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "work"], condition=Q(work__isnull=False), name="bookmark_work_once"
            ),
            models.UniqueConstraint(
                fields=["user", "series"], condition=Q(series__isnull=False), name="bookmark_series_once"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="bookmark_user_recent_idx"),
            models.Index(fields=["work", "private", "-created_at"], name="bookmark_work_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"Bookmark {self.pk} by user {self.user_id}"

    @property
    def kind(self) -> str:
        if self.work_id:
            return "work"
        if self.series_id:
            return "series"
        if self.external_id:
            return "external"
        return "deleted"

    @property
    def anchor(self) -> str:
        return f"bookmark-{self.pk}"

    @property
    def counts(self) -> bool:
        """Whether it counts in its work's ``bookmarks_count``: a public bookmark of a work."""
        return self.work_id is not None and not self.private
