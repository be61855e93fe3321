"""An account's sync key: the password KOReader is given instead of the archive password."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SyncKey(models.Model):
    """KOReader sends its password as a hex MD5 (``x-auth-key``); only a SHA-256 of that MD5 is kept here, so
    neither the key nor what the device sends can be read back. ``confirmed`` is False for a key a device asked
    for through KOReader's "Register" (when the operator allows it) until the account confirms it on its page."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sync_keys")
    #: Hex SHA-256 of the lowercase hex MD5 of the key.
    digest = models.CharField(max_length=64)
    confirmed = models.BooleanField(default=True)
    #: The device a pending key came from, as KOReader named it (empty for keys made on the page).
    device = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "confirmed"], name="kosync_key_user_idx")]

    def __str__(self) -> str:
        return f"Sync key of user {self.user_id} ({'confirmed' if self.confirmed else 'pending'})"
