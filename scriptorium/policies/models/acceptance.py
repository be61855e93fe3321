"""An account's acceptance of one version of the terms (at sign-up, or on the accept page later)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PolicyAcceptance(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_acceptances")
    version = models.ForeignKey("policies.PolicyVersion", on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField()
    at_signup = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="policy_acceptance_once")]

    def __str__(self) -> str:
        return f"{self.user} accepted {self.version}"
