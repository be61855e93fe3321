"""Passwords are stored with Argon2; accounts whose password was stored before (PBKDF2) still log in."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from scriptorium.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_new_passwords_are_stored_with_argon2() -> None:
    user = UserFactory(username="fresh")
    assert user.password.startswith("argon2$")


def test_an_old_pbkdf2_password_still_logs_in_and_is_rehashed_with_argon2(client) -> None:
    user = UserFactory(username="veteran")
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))

    response = client.post(reverse("accounts:login"), {"login": "veteran", "username": "veteran", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
