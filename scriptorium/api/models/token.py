"""A personal access token: what a program shows the API instead of a password. Only a SHA-256 of the secret is
kept; the secret itself is shown once, when the token is made."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TokenScope(models.TextChoices):
    READ = "read", "Read: see what you can see on the site"
    WRITE = "write", "Read and write: also act for you (bookmarks, kudos, comments…)"


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=8, choices=TokenScope.choices, default=TokenScope.READ)
    #: Hex SHA-256 of the whole secret; the secret is never stored.
    secret_hash = models.CharField(max_length=64, unique=True)
    #: The secret's first characters, shown in the list so its owner can tell tokens apart.
    prefix = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
