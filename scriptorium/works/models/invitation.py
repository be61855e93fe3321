"""An invitation to share the credit for a work or a series (AO3's co-creator consent).

Naming another account's pseud as co-creator creates a pending invitation; the pseud is credited
(``Creatorship``, ``Series.creators``) only once its account accepts, so every byline, listing, index and
download shows accepted creators only. Written only by ``scriptorium.works.cocreators``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class InvitationState(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class CreatorInvitation(models.Model):
    work = models.ForeignKey(
        "works.Work", on_delete=models.CASCADE, null=True, blank=True, related_name="creator_invitations"
    )
    series = models.ForeignKey(
        "works.Series", on_delete=models.CASCADE, null=True, blank=True, related_name="creator_invitations"
    )
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.CASCADE, related_name="creator_invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=16, choices=InvitationState.choices, default=InvitationState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(work__isnull=False, series__isnull=True) | Q(work__isnull=True, series__isnull=False),
                name="creatorinvitation_work_or_series",
            ),
            models.UniqueConstraint(
                fields=["work", "pseud"],
                condition=Q(state="pending", work__isnull=False),
                name="creatorinvitation_work_pending_once",
            ),
            models.UniqueConstraint(
                fields=["series", "pseud"],
                condition=Q(state="pending", series__isnull=False),
                name="creatorinvitation_series_pending_once",
            ),
        ]
        indexes = [models.Index(fields=["pseud", "state"], name="creatorinvitation_pseud_idx")]

    def __str__(self) -> str:
        return f"Invitation of pseud {self.pseud_id} to {self.target}"

    @property
    def target(self) -> models.Model:
        """The work or the series."""
        return self.work if self.work_id else self.series

    @property
    def pending(self) -> bool:
        return self.state == InvitationState.PENDING
