"""AO3's log-in addresses and author links for the tools written for AO3, and AO3's rule for new usernames."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from scriptorium.accounts.models import User
from tests.accounts.test_two_factor import AUTHENTICATE, _turn_on
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _token(client: Client) -> str:
    response = client.get("/token_dispenser.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "csrftoken" in response.cookies  # the cookie the token pairs with
    return json.loads(response.content)["token"]


def _ao3_login(client: Client, login: str, password: str, token: str):
    data = {"user[login]": login, "user[password]": password, "authenticity_token": token, "commit": "Log in"}
    return client.post("/users/login", {**data, "user[remember_me]": "1", "utf8": "✓"})


def test_a_tool_logs_in_with_the_token_and_ao3_field_names() -> None:
    user = UserFactory(username="reader_one")
    client = Client(enforce_csrf_checks=True)

    response = _ao3_login(client, "reader_one", PASSWORD, _token(client))

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    # What the tools look for on the page they land on: the log-out link at AO3's address.
    assert 'href="/users/logout"' in client.get(response["Location"]).content.decode()


def test_a_wrong_password_is_refused_on_the_page() -> None:
    UserFactory(username="reader_one")
    client = Client(enforce_csrf_checks=True)

    response = _ao3_login(client, "reader_one", "not the password", _token(client))

    assert response.status_code == 200  # as AO3 answers: the page says why
    assert "The username or password is not right." in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("token", ["", "x" * 64])
def test_without_the_token_nobody_is_logged_in(token: str) -> None:
    UserFactory(username="reader_one")
    client = Client(enforce_csrf_checks=True)
    _token(client)  # the cookie, but not its token

    response = _ao3_login(client, "reader_one", PASSWORD, token)

    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_two_factor_accounts_get_the_second_step(client) -> None:
    _turn_on(client)
    tool = Client(enforce_csrf_checks=True)

    response = _ao3_login(tool, "careful", PASSWORD, _token(tool))

    assert response["Location"] == AUTHENTICATE
    assert SESSION_KEY not in tool.session


def test_ao3_form_of_a_pseud_address_leads_to_the_pseud(client) -> None:
    UserFactory(username="quill_keeper")

    response = client.get("/users/quill_keeper/pseuds/quill_keeper")

    assert response.status_code == 301
    assert response["Location"] == "/users/quill_keeper/pseuds/quill_keeper/"


@pytest.mark.parametrize("name", ["first.last", "dash-name", "a@b", "ab", "x" * 41, "plus+one"])
def test_new_usernames_follow_ao3_rules(client, name: str) -> None:
    data = {
        "username": name,
        "email": "new@example.org",
        "password1": "a long passphrase",
        "password2": "a long passphrase",
    }
    response = client.post("/signup", data)

    assert response.status_code == 400
    assert not User.objects.filter(username=name).exists()


def test_accounts_made_before_the_rule_keep_their_names_and_log_in(client) -> None:
    UserFactory(username="first.last")

    response = client.post("/login", {"login": "first.last", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/users/first.last/").status_code == 200


def test_a_rename_follows_the_rule_too(client) -> None:
    user = UserFactory(username="quill_keeper")
    client.force_login(user)

    response = client.post("/account/username", {"username": "quill.keeper", "password": PASSWORD})

    assert response.status_code == 400
    assert "3 to 40 letters, digits or underscores" in response.content.decode()
    assert User.objects.get(pk=user.pk).username == "quill_keeper"
