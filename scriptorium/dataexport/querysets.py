"""Who sees which data export: its own account only; and which exports have expired."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User


class DataExportQuerySet(models.QuerySet):
    def owned_by(self, user: User | AnonymousUser) -> DataExportQuerySet:
        """An account's own export; nobody else's, whoever asks (staff included): it holds private data."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user_id=user.pk)

    def expired(self) -> DataExportQuerySet:
        return self.filter(expires_at__isnull=False, expires_at__lte=timezone.now())
