"""What a device last reported for one document, as KOReader's sync server keeps it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DeviceProgress(models.Model):
    """The last progress PUT for (account, document digest), whether or not the document is one of ours.

    ``work``, ``chapter`` and ``paragraph`` are set when the document mapped to a work and the place was written
    to the reading history (``reading_at`` is the history entry's time then): a later web reading is told apart
    by a newer time or another place."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.CharField(max_length=64)
    progress = models.CharField(max_length=1000)
    percentage = models.FloatField()
    device = models.CharField(max_length=100)
    device_id = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField()
    work = models.ForeignKey("works.Work", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    chapter_id_read = models.PositiveBigIntegerField(null=True, blank=True)
    paragraph = models.PositiveIntegerField(default=0)
    reading_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="kosync_progress_unique")]
        indexes = [models.Index(fields=["user", "work"], name="kosync_progress_work_idx")]

    def __str__(self) -> str:
        return f"{self.document} of user {self.user_id} at {self.percentage:.2%}"
