"""Which invitations can still be used and which requests still wait: the one place that decides."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class InvitationQuerySet(models.QuerySet):
    def usable(self) -> InvitationQuerySet:
        """Not redeemed and not expired."""
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()), redeemed_at__isnull=True)

    def given_by(self, user: object) -> InvitationQuerySet:
        return self.filter(creator=user)


class InvitationRequestQuerySet(models.QuerySet):
    def waiting(self) -> InvitationRequestQuerySet:
        return self.filter(invited_at__isnull=True)
