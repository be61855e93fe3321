"""Changing one's username: the old addresses redirect (301) for a while, the old name stays reserved meanwhile,
at most one change per period, and a wrong password changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from scriptorium.accounts.models import FormerUsername, Pseud, User
from tests.factories import PASSWORD, PseudFactory, UserFactory, make_work

pytestmark = pytest.mark.django_db
CHANGE = reverse("accounts:username")
SIGNUP = reverse("accounts:signup")


@pytest.fixture
def renamer(client):
    user = UserFactory(username="oldname", email="oldname@example.org")
    client.force_login(user)
    return user


def _rename(client, username: str, password: str = PASSWORD):
    return client.post(CHANGE, {"username": username, "password": password})


def _age_change(user: User, days: int) -> None:
    FormerUsername.objects.filter(user=user).update(
        changed_at=FormerUsername.objects.filter(user=user).get().changed_at - datetime.timedelta(days=days)
    )


def test_a_rename_moves_the_page_and_the_default_pseud(client, renamer) -> None:
    other = PseudFactory(user=renamer, name="Side Name")
    work = make_work(creator=renamer, title="Under the Old Name")
    assert client.get(CHANGE).status_code == 200
    response = _rename(client, "newname")
    assert response.status_code == 302
    renamer.refresh_from_db()
    assert renamer.username == "newname"
    assert renamer.default_pseud.name == "newname"
    other.refresh_from_db()
    assert other.name == "Side Name"  # other pseuds keep their names
    page = client.get(reverse("accounts:user", kwargs={"username": "newname"}))
    assert page.status_code == 200
    assert "Under the Old Name" in page.content.decode()
    assert work.creatorships.filter(pseud__name="newname").exists()


def test_old_addresses_redirect_to_the_new_name(client, renamer) -> None:
    PseudFactory(user=renamer, name="Side Name")
    _rename(client, "newname")
    client.logout()
    cases = [
        ("/users/oldname/", "/users/newname/"),
        ("/users/oldname/pseuds/Side%20Name/", "/users/newname/pseuds/Side%20Name/"),
        ("/users/oldname/pseuds/oldname/", "/users/newname/pseuds/newname/"),  # the renamed default pseud
        ("/users/oldname/bookmarks", "/users/newname/bookmarks"),
        ("/users/oldname/?page=2", "/users/newname/?page=2"),  # the user's works listing, its page kept
    ]
    for old, new in cases:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
        assert client.get(new).status_code == 200, new


def test_the_redirect_and_the_reservation_end(client, renamer, settings) -> None:
    settings.SCRIPTORIUM_USERNAME_REDIRECT_DAYS = 30
    _rename(client, "newname")
    _age_change(renamer, 31)
    assert client.get("/users/oldname/").status_code == 404
    client.logout()
    response = client.post(
        SIGNUP,
        {
            "username": "oldname",
            "email": "someone@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 302  # the name is free again
    assert client.get("/users/oldname/").status_code == 200
    assert User.objects.get(username="oldname").pk != renamer.pk


def test_the_old_name_is_reserved_at_sign_up_and_at_rename(client, renamer) -> None:
    _rename(client, "newname")
    client.logout()
    response = client.post(
        SIGNUP,
        {
            "username": "OldName",
            "email": "someone@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 400
    assert "taken" in response.content.decode()
    assert not User.objects.filter(username__iexact="oldname").exists()

    other = UserFactory(username="someone")
    client.force_login(other)
    refused = _rename(client, "oldname")
    assert refused.status_code == 400
    assert "The username “oldname” is taken." in refused.content.decode()
    other.refresh_from_db()
    assert other.username == "someone"


def test_one_change_per_period(client, renamer, settings) -> None:
    settings.SCRIPTORIUM_USERNAME_CHANGE_DAYS = 7
    _rename(client, "newname")
    response = _rename(client, "thirdname")
    assert response.status_code == 400
    assert "you can change it again after" in response.content.decode()
    renamer.refresh_from_db()
    assert renamer.username == "newname"
    _age_change(renamer, 8)
    assert _rename(client, "thirdname").status_code == 302
    renamer.refresh_from_db()
    assert renamer.username == "thirdname"
    # Both old names lead to the account.
    assert client.get("/users/oldname/")["Location"] == "/users/thirdname/"
    assert client.get("/users/newname/")["Location"] == "/users/thirdname/"


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("newname", "not my password", "That is not your current password."),
        ("bad name!", PASSWORD, "Enter a valid username"),
        ("oldname", PASSWORD, "That is already your username."),
        ("taken", PASSWORD, "is taken"),
    ],
)
def test_bad_input_changes_nothing(client, renamer, username, password, message) -> None:
    UserFactory(username="taken")
    response = _rename(client, username, password)
    assert response.status_code == 400
    assert message in response.content.decode()
    renamer.refresh_from_db()
    assert renamer.username == "oldname"
    assert Pseud.objects.filter(user=renamer, name="oldname", is_default=True).exists()
    assert not FormerUsername.objects.exists()
    assert client.get("/users/oldname/").status_code == 200


def test_the_page_needs_an_account(client) -> None:
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
