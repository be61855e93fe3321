from __future__ import annotations

from django.conf import settings
from django.db import models

from scriptorium.moderation.models.case import Case, Category

DESCRIPTION_MAX = 5000
LINK_MAX = 500


class Report(models.Model):
    """One reader's report, from an account or a guest (who gives an email). Written by ``services.report_create``."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    category = models.CharField(max_length=16, choices=Category.choices)
    description = models.TextField(max_length=DESCRIPTION_MAX, blank=True)
    link = models.CharField(max_length=LINK_MAX, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(blank=True, help_text="A guest's address, for the outcome. Shown to moderators only.")
    wants_outcome = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """What the reporter quotes: "R-000042"."""
        return f"R-{self.pk:06d}"
