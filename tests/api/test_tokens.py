"""Personal access tokens: made on the account page (the secret shown once, only its hash kept), used as
``Authorization: Bearer``, revoked; every bad token answers the same 401."""

from __future__ import annotations

import hashlib
import re

import pytest

from scriptorium.api.models import ApiToken
from scriptorium.api.services import api_token_create, api_token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_page_makes_a_token_shows_it_once_and_keeps_only_its_hash(client, shelf) -> None:
    client.force_login(shelf["reader"])
    assert "API tokens" in client.get("/account/export").content.decode()  # linked from the account menu
    response = client.post("/account/api-tokens", {"name": "My e-reader", "scope": "read"})
    assert response.status_code == 200
    secret = re.search(r'value="(scr_[^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=shelf["reader"])
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values().get())  # the secret itself is stored nowhere
    again = client.get("/account/api-tokens").content.decode()
    assert "My e-reader" in again and secret not in again


def test_a_token_reads_as_its_account(api, shelf) -> None:
    _, secret = api_token_create(user=shelf["writer"], name="script", scope="read")
    draft = shelf["works"]["draft"]
    assert api.get(f"/api/v1/works/{draft.pk}/").status_code == 404
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get(f"/api/v1/works/{draft.pk}/").status_code == 200  # the writer's own draft
    assert ApiToken.objects.get().last_used_at is not None


def test_bad_revoked_and_closed_account_tokens_all_answer_the_same_401(api, shelf) -> None:
    token, revoked = api_token_create(user=shelf["writer"], name="old", scope="read")
    api_token_revoke(user=shelf["writer"], token_id=token.pk)
    closed = UserFactory(username="closed_cleo")
    _, closed_secret = api_token_create(user=closed, name="x", scope="read")
    closed.is_active = False
    closed.save()
    answers = []
    for secret in (revoked, closed_secret, "scr_nothing-like-a-real-one", "two words"):
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        response = api.get("/api/v1/works/")
        answers.append((response.status_code, response.json(), response["WWW-Authenticate"]))
    assert answers[0][0] == 401
    assert all(answer == answers[0] for answer in answers)


def test_revoking_on_the_page_stops_the_token(client, api, shelf) -> None:
    token, secret = api_token_create(user=shelf["writer"], name="laptop", scope="read")
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/works/").status_code == 200
    client.force_login(shelf["reader"])
    client.post("/account/api-tokens", {"revoke": token.pk})  # another account's token: refused
    assert api.get("/api/v1/works/").status_code == 200
    client.force_login(shelf["writer"])
    response = client.post("/account/api-tokens", {"revoke": token.pk}, follow=True)
    assert "is revoked" in response.content.decode()
    assert api.get("/api/v1/works/").status_code == 401


def test_a_token_without_a_name_is_refused_and_nothing_made(client, shelf) -> None:
    client.force_login(shelf["reader"])
    response = client.post("/account/api-tokens", {"name": "  ", "scope": "read"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_page_needs_an_account(client) -> None:
    response = client.get("/account/api-tokens")
    assert response.status_code == 302 and "login" in response["Location"]
