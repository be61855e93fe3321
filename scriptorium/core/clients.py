"""Who is asking: the reader's address, and a key for a reader that keeps no address."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The reader's address: the socket's, or behind a proxy the last one the proxy added to X-Forwarded-For."""
    if getattr(settings, "SCRIPTORIUM_BEHIND_PROXY", False):
        forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request: HttpRequest, purpose: str) -> str:
    """A key for the reader for one ``purpose`` (per-reader limits): the account, else the address, through a
    keyed hash (HMAC-SHA256 with the secret key), so what is stored names neither."""
    who = f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_ip(request)}"
    message = f"{purpose}\0{who}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]
