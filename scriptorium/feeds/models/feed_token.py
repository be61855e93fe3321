"""The secret in an account's private feed addresses (its saved searches' feeds): feed readers cannot log in, so
the address itself is the key. Renewing it makes every old address answer 404."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FeedToken(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token")
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"feed token of {self.user}"
