"""Helpers of the write tests: tokens, a client for an account, the requests each write endpoint takes."""

from __future__ import annotations

from rest_framework.test import APIClient

from scriptorium.api.services import api_token_create


def token_client(user, scope: str = "write") -> APIClient:
    """A client that sends ``user``'s new token of ``scope`` (a program acting for the account)."""
    _, secret = api_token_create(user=user, name=f"{scope} test", scope=scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def send(client: APIClient, method: str, url: str, body: dict | None = None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, format="json")
