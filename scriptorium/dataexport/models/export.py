"""One account's data export: the ZIP built in the background, and where it stands."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from scriptorium.dataexport.querysets import DataExportQuerySet


class DataExport(models.Model):
    """An account's one export (at most one row per account: a new request reuses it).

    Built by ``dataexport.services.export_build`` in the background: the ZIP is written beside its final name
    (``<path>.partial``) and renamed into place only once complete, so ``path`` names a whole file or nothing.
    ``attempts`` counts builds started (a worker killed mid-build leaves the row "building"; the task runs
    again and so does the build, until ``MAX_ATTEMPTS``). Downloadable until ``expires_at``.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    #: The finished ZIP, relative to MEDIA_ROOT ("" until ready).
    path = models.CharField(max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The background task building it (to tell a live build from a dead one).
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user"], name="dataexport_one_per_account")]
        indexes = [models.Index(fields=["state", "expires_at"], name="dataexport_expiry_idx")]

    def __str__(self) -> str:
        return f"Data export {self.pk} of user {self.user_id} ({self.state})"

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.BUILDING)

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def downloadable(self) -> bool:
        return self.state == self.State.READY and bool(self.path) and not self.expired
