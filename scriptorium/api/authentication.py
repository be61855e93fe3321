"""``Authorization: Bearer <token>``: a personal access token. A wrong, revoked or unknown token, or one of a
closed account, all answer the same 401, so the answer tells nothing about accounts or tokens."""

from __future__ import annotations

from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from scriptorium.api import services
from scriptorium.api.models import ApiToken, TokenScope
from scriptorium.api.selectors import token_for_secret

INVALID = "Invalid or revoked token."


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None  # another scheme (or none): the session may still authenticate
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(INVALID)
        try:
            secret = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(INVALID) from None
        token = token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(INVALID)
        services.api_token_used(token=token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class TokenScopeAllows(BasePermission):
    """A read token reads only; a write token (or the session) may also write."""

    message = "This token may only read: make a token with the write scope."

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if isinstance(token, ApiToken) and request.method not in SAFE_METHODS:
            return token.scope == TokenScope.WRITE
        return True
