"""Writes for personal access tokens: make one (its secret returned once), revoke one, note its use."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scriptorium.api.models import ApiToken, TokenScope
from scriptorium.api.selectors import secret_hash

if TYPE_CHECKING:
    from scriptorium.accounts.models import User

#: What every secret starts with, so a leaked one is recognisable (secret scanners, logs).
SECRET_PREFIX = "scr_"  # noqa: S105 (not a secret: the marker every secret starts with)
TOKEN_NAME_MAX = 100
#: Most active tokens one account may hold.
TOKENS_MAX = 50
#: ``last_used_at`` is written at most this often per token (not on every request).
USE_RESOLUTION = datetime.timedelta(minutes=1)


def api_token_create(*, user: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its secret, which is not kept and cannot be shown again."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Give the token a name, like the program that will use it."})
    if len(name) > TOKEN_NAME_MAX:
        raise ValidationError({"name": f"A name can be at most {TOKEN_NAME_MAX} characters long."})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": "Choose read or write."})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
        if active.count() >= TOKENS_MAX:
            raise ValidationError({"name": f"You have {TOKENS_MAX} tokens already, the most you can. Revoke one."})
        token = ApiToken.objects.create(
            user=user, name=name, scope=scope, secret_hash=secret_hash(secret), prefix=secret[:10]
        )
    return token, secret


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Stop a token working at once; only the account's own active tokens."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id, revoked_at__isnull=True).first()
        if token is None:
            raise ValidationError("That token does not exist or is revoked already.")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_used(*, token: ApiToken) -> None:
    """Note that the token was just used (at most once a minute: one UPDATE, no read)."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < USE_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
