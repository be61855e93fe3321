from __future__ import annotations

from django.db import models


class AccountDeletion(models.Model):
    """The audit line an account leaves: when, and what became of its works and series. No name, no address:
    ``reference`` is a keyed hash of the account's id (``leaving.services.account_reference``), so a moderator
    holding an id can tell whether that account left, and nobody can go back from the line to the account."""

    deleted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reference = models.CharField(max_length=64, db_index=True)
    works_orphaned = models.PositiveIntegerField(default=0)
    works_deleted = models.PositiveIntegerField(default=0)
    #: Works shared with other accounts: they stay with them, only this account's credit went.
    credits_removed = models.PositiveIntegerField(default=0)
    series_orphaned = models.PositiveIntegerField(default=0)
    series_deleted = models.PositiveIntegerField(default=0)
    comments_kept = models.PositiveIntegerField(default=0)
    had_two_factor = models.BooleanField(default=False)

    class Meta:
        ordering = ["-deleted_at", "-id"]

    def __str__(self) -> str:
        return f"Account deleted {self.deleted_at:%Y-%m-%d %H:%M} ({self.reference[:12]}…)"
