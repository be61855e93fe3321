from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Pseud(models.Model):
    """A pen name. A user has one or more; works are credited to pseuds, never to accounts."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pseuds")
    name = models.CharField(max_length=60)
    is_default = models.BooleanField(default=False)
    description = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="pseud_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:pseud", kwargs={"username": self.user.username, "pseud": self.name})

    @property
    def display_name(self) -> str:
        """AO3 shows "Pseud (username)" when the pseud differs from the login."""
        if self.name.casefold() == self.user.username.casefold():
            return self.name
        return f"{self.name} ({self.user.username})"
