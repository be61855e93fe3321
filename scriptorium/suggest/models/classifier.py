from __future__ import annotations

from django.db import models


class RatingClassifier(models.Model):
    """A rating classifier trained on the archive's own rated works (pickled scikit-learn pipeline)."""

    created_at = models.DateTimeField(auto_now_add=True)
    work_count = models.PositiveIntegerField()
    classes = models.JSONField(default=list)
    #: Accuracy on held-out works at training time (None when there were too few to hold any out).
    accuracy = models.FloatField(null=True, blank=True)
    blob = models.BinaryField()

    class Meta:
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Rating classifier of {self.created_at:%Y-%m-%d %H:%M} ({self.work_count} works)"
