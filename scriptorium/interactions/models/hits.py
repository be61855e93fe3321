from __future__ import annotations

from django.db import models


class HitTally(models.Model):
    """Hits a work had on one day, as flushed from the buffer. ``Work.hits_count`` is their sum."""

    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="hit_tallies")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "day"], name="hittally_work_day_unique")]

    def __str__(self) -> str:
        return f"{self.count} hits on work {self.work_id} on {self.day}"


class ChapterHitTally(models.Model):
    """Readers who opened one chapter on its own page on one day (one per reader per chapter per day), for the
    writer's statistics. The work's hits (``HitTally``) count readers of the work, whichever page they open."""

    chapter = models.ForeignKey("works.Chapter", on_delete=models.CASCADE, related_name="hit_tallies")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chapter", "day"], name="chapterhittally_chapter_day_unique")]

    def __str__(self) -> str:
        return f"{self.count} hits on chapter {self.chapter_id} on {self.day}"


class HitFlushMark(models.Model):
    """How far the buffered hits of one cache (``epoch``) have been flushed; moved in the flush's transaction.

    ``position`` is the last buffer slot counted (or given up as lost); ``seen_high`` the highest slot that
    existed at the previous flush, so a slot still missing now was evicted rather than still being written.
    """

    epoch = models.CharField(max_length=40, unique=True)
    position = models.BigIntegerField(default=0)
    seen_high = models.BigIntegerField(default=0)
    lost = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Hits of {self.epoch} flushed to {self.position}"


class GuestSalt(models.Model):
    """Today's secret salt for recognising guests' kudos; yesterday's is deleted, so old keys lead nowhere."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Guest salt of {self.day}"
