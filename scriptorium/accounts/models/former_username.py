from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class FormerUsername(models.Model):
    """A username an account gave up: for SCRIPTORIUM_USERNAME_REDIRECT_DAYS its old addresses lead to the account
    and nobody else may take it; the newest row also says when the account last changed its name."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="former_usernames")
    username = models.CharField(max_length=150, db_index=True)
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return self.username
