"""The non-reversible reference an audit line keeps instead of the account."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def account_reference(user_id: int) -> str:
    """HMAC-SHA256 of the account's id under the site's secret key: the same id gives the same reference, and
    nobody without the key can compute it, or find the id from it."""
    key = f"scriptorium.leaving:{settings.SECRET_KEY}".encode()
    return hmac.new(key, f"account:{user_id}".encode(), hashlib.sha256).hexdigest()
