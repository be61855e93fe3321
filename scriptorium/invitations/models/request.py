from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from scriptorium.invitations.querysets import InvitationRequestQuerySet


class InvitationRequest(models.Model):
    """A place in the queue: someone asked for an invitation by email; the queue answers oldest first."""

    #: Lower case; unique among the requests still waiting.
    email = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now)
    #: When the queue answered it (an invitation sent, or skipped because the address has an account).
    invited_at = models.DateTimeField(null=True, blank=True)
    invitation = models.OneToOneField(
        "invitations.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="request"
    )

    objects = InvitationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=Q(invited_at__isnull=True), name="invitation_request_one_waiting"
            )
        ]

    def __str__(self) -> str:
        return self.email


class QueueRelease(models.Model):
    """One row per day the queue released invitations: a second run the same day finds it and sends nothing."""

    date = models.DateField(unique=True)
    released = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.released}"
