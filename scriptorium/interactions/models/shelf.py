from django.conf import settings
from django.db import models


class ShelfStatus(models.TextChoices):
    """Where a work stands on its reader's shelf (one status per account and work)."""

    READING = "reading", "Reading"
    TO_READ = "to-read", "To read"
    FINISHED = "finished", "Finished"
    DROPPED = "dropped", "Dropped"


class ShelfEntry(models.Model):
    """One account's reading status for one work: its shelf (``services.shelf``). Private to the account; gone
    with the work (a shelf lists works one can open, with the listing's filters)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shelf_entries")
    work = models.ForeignKey("works.Work", on_delete=models.CASCADE, related_name="shelf_entries")
    status = models.CharField(max_length=16, choices=ShelfStatus.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "work"], name="shelf_user_work_unique")]
        indexes = [models.Index(fields=["user", "status", "work"], name="shelf_user_status_idx")]
        verbose_name_plural = "shelf entries"

    def __str__(self) -> str:
        return f"User {self.user_id}: work {self.work_id} {self.status}"
