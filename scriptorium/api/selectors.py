"""Reads for the API's own rows: a reader's tokens, and the token a request's secret names."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from scriptorium.api.models import ApiToken

if TYPE_CHECKING:
    from scriptorium.accounts.models import User


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def tokens_of(user: User) -> list[ApiToken]:
    """The account's tokens, newest first, revoked ones too (marked so)."""
    return list(ApiToken.objects.filter(user=user))


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token of an active account whose secret this is, or None (whatever the reason)."""
    return (
        ApiToken.objects.filter(secret_hash=secret_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
