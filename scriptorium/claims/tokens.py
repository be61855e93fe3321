"""Claim tokens: ``selector`` (12 characters, kept) + verifier (43 characters, only its SHA-256 kept).

A token is a bearer secret: 256 random bits in the verifier, compared in constant time, never stored or logged
whole (the views mark their error answers as logged, so Django's request log never writes the address)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

SELECTOR_LENGTH = 12
_SHAPE = re.compile(r"[A-Za-z0-9_-]{55}")
#: Compared against when no invitation has the selector, so a miss costs what a wrong verifier costs.
_NOBODY = hashlib.sha256(b"no claim invitation").hexdigest()


def verifier_hash(verifier: str) -> str:
    return hashlib.sha256(verifier.encode()).hexdigest()


def token_new() -> tuple[str, str, str]:
    """A fresh token: (token, selector, verifier_hash)."""
    selector = secrets.token_urlsafe(9)  # 12 characters
    verifier = secrets.token_urlsafe(32)  # 43 characters
    return selector + verifier, selector, verifier_hash(verifier)


def token_split(token: str) -> tuple[str, str] | None:
    """(selector, verifier) of a well-formed token, else None."""
    token = (token or "").strip()
    if not _SHAPE.fullmatch(token):
        return None
    return token[:SELECTOR_LENGTH], token[SELECTOR_LENGTH:]


def verifier_matches(stored_hash: str | None, verifier: str) -> bool:
    """Whether ``verifier`` hashes to ``stored_hash``, in constant time (None: no invitation; still compared)."""
    given = verifier_hash(verifier)
    if stored_hash is None:
        hmac.compare_digest(_NOBODY, given)
        return False
    return hmac.compare_digest(stored_hash, given)
