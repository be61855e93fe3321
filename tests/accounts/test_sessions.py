"""The list of an account's sessions (allauth.usersessions) and "log out everywhere else"."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SESSIONS = reverse("usersessions_list")


def _logged_in(user_agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    client.post(reverse("accounts:login"), {"login": "traveller", "password": PASSWORD})
    assert SESSION_KEY in client.session
    return client


def test_sessions_are_listed_and_the_others_can_be_logged_out() -> None:
    UserFactory(username="traveller")
    laptop = _logged_in("Laptop browser")
    phone = _logged_in("Phone browser")

    page = laptop.get(SESSIONS).content.decode()
    assert "Laptop browser" in page and "Phone browser" in page
    assert "This browser</strong>" in page
    assert "Log out everywhere else" in page

    response = laptop.post(SESSIONS, follow=True)
    assert "You are logged out everywhere else." in response.content.decode()
    assert SESSION_KEY in laptop.session
    assert phone.get(reverse("accounts:preferences")).status_code == 302  # sent to log in
    assert "Phone browser" not in laptop.get(SESSIONS).content.decode()


def test_the_sessions_page_needs_an_account(client) -> None:
    assert client.get(SESSIONS).status_code == 302
