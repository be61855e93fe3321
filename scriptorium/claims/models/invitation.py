"""A claim invitation: the link an archivist mails to the author of works archived on their behalf.

The link's token is a bearer secret in two parts: a short random ``selector`` kept as it is (to find the row) and
a long random verifier of which only the SHA-256 is kept, compared in constant time (``claims.tokens``). Sending
again makes a fresh invitation and voids the pending one, so only the newest link works.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ClaimState(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Claimed"
    DECLINED = "declined", "Not theirs"
    REMOVAL = "removal", "Removal requested"
    VOIDED = "voided", "Replaced by a newer link"


class ClaimInvitation(models.Model):
    external_creator = models.ForeignKey(
        "works.ExternalCreator", on_delete=models.CASCADE, related_name="claim_invitations"
    )
    #: The token's first part, kept as it is: finds the invitation.
    selector = models.CharField(max_length=16, unique=True)
    #: Hex SHA-256 of the token's second part; the token itself is never stored.
    verifier_hash = models.CharField(max_length=64)
    sent_to = models.EmailField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=16, choices=ClaimState.choices, default=ClaimState.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    #: Who accepted, and onto which pseud (None for the other answers, or once the account is gone).
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pseud = models.ForeignKey("accounts.Pseud", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_creator"], condition=Q(state="pending"), name="claim_invitation_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"claim invitation for {self.external_creator_id} ({self.state})"

    @property
    def is_pending(self) -> bool:
        return self.state == ClaimState.PENDING
