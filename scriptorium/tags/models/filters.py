"""The filter table: every tag a work must be found under, precomputed, and the refreshes still running."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class WorkFilter(models.Model):
    """``work`` is found under ``tag``: the canonical tag of one of its tags (an unwrangled tag counts as itself),
    or a meta tag of one, transitively. ``scriptorium.tags.filters`` keeps the table; listings only read it."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="filters")
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="filtered_works")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "tag"], name="workfilter_unique")]
        indexes = [models.Index(fields=["tag", "work"], name="workfilter_tag_work_idx")]


class FilterRefresh(models.Model):
    """A wrangling change too large to apply inline: its works' filters are recomputed by a background task.

    Wranglers see the pending ones; listings show the change as soon as the task finishes.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    description = models.CharField(max_length=300)
    #: Ids of the tags whose works must be refreshed (the tags' taggings, as they were at the change).
    tag_ids = models.JSONField(default=list)
    work_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.description} ({self.get_status_display()})"
