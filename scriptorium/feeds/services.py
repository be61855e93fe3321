"""Writes: an account's private feed token, made or renewed (the old addresses stop working at once)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.db import transaction

from scriptorium.feeds.models import FeedToken

if TYPE_CHECKING:
    from scriptorium.accounts.models import User


def feed_token_renew(*, user: User) -> FeedToken:
    if not user.is_authenticated:
        raise PermissionError("Log in to have private feeds.")
    with transaction.atomic():
        token, created = FeedToken.objects.select_for_update().get_or_create(
            user=user, defaults={"key": secrets.token_urlsafe(24)}
        )
        if not created:
            token.key = secrets.token_urlsafe(24)
            token.save(update_fields=["key", "created_at"])
    return token
