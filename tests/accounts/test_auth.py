"""Signing up, logging in and out, preferences, and the adult-content consent."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from scriptorium.accounts.models import Pseud, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SIGNUP = reverse("accounts:signup")
LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")


def _signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "username": "newwriter",
        "email": "new@example.org",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
    }
    data.update(overrides)
    return data


def test_signup_login_logout_flow(client) -> None:
    page = client.get(SIGNUP)
    assert page.status_code == 200
    assert '<label for="id_username">Username</label>' in page.content.decode()

    response = client.post(SIGNUP, _signup_data())
    assert response.status_code == 302
    user = User.objects.get(username="newwriter")
    assert user.email == "new@example.org"
    assert user.check_password("a long enough passphrase")
    pseud = Pseud.objects.get(user=user)
    assert (pseud.name, pseud.is_default) == ("newwriter", True)
    assert client.session[SESSION_KEY] == str(user.pk)  # logged in straight away

    assert client.get(LOGOUT).status_code == 200  # a GET only asks: logging out takes a POST (a link cannot)
    assert SESSION_KEY in client.session
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert SESSION_KEY not in client.session

    response = client.post(LOGIN, {"login": "newwriter", "password": "a long enough passphrase"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"username": "Taken"}, "username", "This username is taken."),
        ({"username": "bad name!"}, "username", "Enter a valid username"),
        ({"username": "x" * 61}, "username", "60 characters at most"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"email": "TAKEN@example.org"}, "email", "already an account with this email"),
        ({"password2": "something else entirely"}, "password2", "You must type the same password each time."),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"password1": "newwriter1", "password2": "newwriter1"}, "password1", "too similar"),
    ],
)
def test_signup_errors_create_nothing(client, overrides, field, message) -> None:
    UserFactory(username="taken", email="taken@example.org")
    users, pseuds = User.objects.count(), Pseud.objects.count()
    response = client.post(SIGNUP, _signup_data(**overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "The account is not created yet." in response.content.decode()
    assert (User.objects.count(), Pseud.objects.count()) == (users, pseuds)


def test_signup_refuses_a_username_that_another_account_uses_as_a_pseud(client) -> None:
    owner = UserFactory(username="owner")
    Pseud.objects.create(user=owner, name="Wanderer")
    response = client.post(SIGNUP, _signup_data(username="wanderer"))
    assert response.status_code == 400
    assert "The pseud “wanderer” is taken." in " ".join(response.context["form"].errors["username"])
    assert not User.objects.filter(username="wanderer").exists()


def test_signup_closed(client, settings) -> None:
    settings.SCRIPTORIUM_OPEN_SIGNUP = False
    page = client.get(SIGNUP)
    assert page.status_code == 404
    assert "Sign-ups are closed" in page.content.decode()
    response = client.post(SIGNUP, _signup_data())
    assert response.status_code == 404
    assert not User.objects.filter(username="newwriter").exists()
    assert 'href="/signup"' not in client.get(LOGIN).content.decode()


def test_signed_in_users_skip_signup(writer_client) -> None:
    assert writer_client.get(SIGNUP)["Location"] == reverse("home")


def test_login_page_and_bad_password(client, user) -> None:
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert page.templates[0].name == "account/login.html"
    assert "Forgot your password?" in page.content.decode()
    response = client.post(LOGIN, {"login": user.username, "password": "wrong"})
    assert response.status_code == 400
    assert "The username or password is not right." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_follows_next_on_this_site_only(client, user) -> None:
    drafts = reverse("works:drafts")
    response = client.post(f"{LOGIN}?next={drafts}", {"login": user.username, "password": PASSWORD})
    assert response["Location"] == drafts
    client.post(LOGOUT)
    response = client.post(LOGIN, {"login": user.username, "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_login_form_keeps_next(client) -> None:
    page = client.get(f"{LOGIN}?next=/works/drafts").content.decode()
    assert '<input type="hidden" name="next" value="/works/drafts">' in page


def test_system_accounts_cannot_log_in(client) -> None:
    from scriptorium.accounts.services import import_account

    robot = import_account()
    response = client.post(LOGIN, {"login": robot.username, "password": ""})
    assert SESSION_KEY not in client.session
    assert response.status_code == 400


def test_preferences_toggle_view_adult(writer_client, user) -> None:
    url = reverse("accounts:preferences")
    page = writer_client.get(url)
    assert 'name="view_adult"' in page.content.decode()
    writer_client.post(url, {"view_adult": "on"})
    user.refresh_from_db()
    assert user.view_adult is True
    assert writer_client.get(url).context["form"].initial["view_adult"] is True
    writer_client.post(url, {})
    user.refresh_from_db()
    assert user.view_adult is False


def test_preferences_need_login(client) -> None:
    assert client.get(reverse("accounts:preferences"))["Location"].startswith(LOGIN)


class TestAdultConsent:
    url = reverse("accounts:adult_consent")

    def test_sets_the_flag_and_goes_back(self, writer_client, user, work) -> None:
        back = work.get_absolute_url()
        response = writer_client.post(self.url, {"next": back})
        assert response.status_code == 302
        assert response["Location"] == back
        user.refresh_from_db()
        assert user.view_adult is True

    @pytest.mark.parametrize(
        "next_url",
        ["https://evil.example/works/1", "//evil.example/", "javascript:alert(1)", "http:///evil.example", ""],
    )
    def test_refuses_off_site_next(self, writer_client, user, next_url) -> None:
        response = writer_client.post(self.url, {"next": next_url})
        assert response["Location"] == reverse("home")
        user.refresh_from_db()
        assert user.view_adult is True

    def test_post_only(self, writer_client, user) -> None:
        assert writer_client.get(self.url, {"next": "/"}).status_code == 405
        user.refresh_from_db()
        assert user.view_adult is False

    def test_guests_log_in_first_and_come_back(self, client, work) -> None:
        response = client.post(self.url, {"next": work.get_absolute_url()})
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next={work.get_absolute_url()}"
