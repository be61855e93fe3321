"""Per-account choices about notifications: the email digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DigestFrequency(models.TextChoices):
    OFF = "off", "Never: only on the site"
    DAILY = "daily", "Once a day"
    WEEKLY = "weekly", "Once a week"


class DigestSettings(models.Model):
    """How often an account gets its unread notifications by email; absent means off.

    ``last_sent_at`` is when the last digest went out (or the frequency was chosen): the next digest holds the
    unread notifications with activity after it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_settings")
    frequency = models.CharField(max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.OFF)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "digest settings"
        indexes = [models.Index(fields=["frequency", "last_sent_at"], name="digest_due_idx")]

    def __str__(self) -> str:
        return f"Digest {self.frequency} for user {self.user_id}"
