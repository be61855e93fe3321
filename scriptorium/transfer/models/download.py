from __future__ import annotations

from django.db import models


class Download(models.Model):
    """One file of a work in one format, for one revision of the work.

    The file is stored content-addressed (``downloads/<sha256[:2]>/<sha256>.<ext>`` under the media root), so
    two rows with the same bytes share one file; rows of older revisions are cleaned up after a newer one is
    built (``transfer.exports.builds.downloads_cleanup``).
    """

    class Status(models.TextChoices):
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="downloads")
    revision = models.PositiveIntegerField()
    format = models.CharField(max_length=16)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BUILDING)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    path = models.CharField(max_length=255, blank=True, help_text="Relative to the media root.")
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    build_seconds = models.FloatField(null=True, blank=True)
    task_id = models.CharField(
        max_length=64, blank=True, help_text="The background task building it (its state tells a dead build)."
    )
    client = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Keyed hash of who asked for the build, while it is pending (the per-reader limit).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["work", "revision", "format"], name="download_unique_revision_format")
        ]

    def __str__(self) -> str:
        return f"{self.format} of work {self.work_id} (revision {self.revision}, {self.status})"

    @property
    def etag(self) -> str:
        return f'"{self.content_hash}"'
