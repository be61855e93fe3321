from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from scriptorium.invitations.querysets import InvitationQuerySet


def new_code() -> str:
    """22 URL-safe characters from 16 random bytes: unguessable, and short enough to type."""
    return secrets.token_urlsafe(16)


class Invitation(models.Model):
    """A single-use code that lets one person create an account while sign-up asks for one."""

    code = models.CharField(max_length=40, unique=True, default=new_code, editable=False)
    #: The account that may give it; None for codes from the admins or the queue.
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations_given"
    )
    #: The address it was emailed to, when it was (lower case).
    sent_to = models.EmailField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.redeemed_at is None and not self.is_expired
