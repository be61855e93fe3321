"""The browser's session writes too, with its CSRF token (DRF's SessionAuthentication checks it on every write):
without the token a write is refused and nothing saved, with it the write goes through; a token in
Authorization needs no CSRF token (it is not sent by a browser on its own)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from scriptorium.interactions.models import Bookmark, Kudos
from tests.api.writing import token_client

pytestmark = pytest.mark.django_db


def _session(user) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_a_session_write_without_its_csrf_token_is_refused(shelf) -> None:
    work = shelf["works"]["public"]
    client = _session(shelf["reader"])
    response = client.post(f"/api/v1/works/{work.pk}/kudos/", {}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Kudos.objects.exists()
    assert client.get("/api/v1/bookmarks/").status_code == 200  # reads need no CSRF token


def test_a_session_write_with_its_csrf_token_goes_through(shelf) -> None:
    work = shelf["works"]["public"]
    client = _session(shelf["reader"])
    page = client.get(work.get_absolute_url())  # the page the browser has open sets the cookie
    secret = page.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/bookmarks/", {"work": work.pk, "notes": "From the page."}, format="json", HTTP_X_CSRFTOKEN=secret
    )
    assert response.status_code == 201, response.content
    assert Bookmark.objects.get().notes == "<p>From the page.</p>"


def test_a_token_write_needs_no_csrf_token(shelf) -> None:
    work = shelf["works"]["public"]
    client = token_client(shelf["reader"])
    client.handler.enforce_csrf_checks = True
    assert client.post(f"/api/v1/works/{work.pk}/kudos/", {}, format="json").status_code == 201
