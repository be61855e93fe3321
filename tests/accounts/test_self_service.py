"""Account self-service through django-allauth, end to end with the test client and Django's locmem email:
logging in by username or email, changing the password, resetting a forgotten one from the emailed link,
changing the email address (confirmed from the new one, the old one told), verification at sign-up."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from scriptorium.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
SIGNUP = reverse("accounts:signup")
RESET = reverse("account_reset_password")
CHANGE_PASSWORD = reverse("account_change_password")
EMAIL = reverse("account_email")
NEW_PASSWORD = "a brand new harbour lantern"


def _link(message) -> str:
    """The one link to this site in an email, as a path."""
    found = re.findall(r"https?://testserver(/\S+)", message.body)
    assert len(found) == 1, message.body
    return found[0]


def _confirmed(user: User) -> User:
    """As every account made before allauth is (migration accounts 0003): its address confirmed."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _logs_in(client, login: str, password: str) -> bool:
    client.post(LOGOUT)
    client.post(LOGIN, {"login": login, "password": password})
    return SESSION_KEY in client.session


def test_login_by_username_or_by_email_address(client) -> None:
    user = UserFactory(username="lantern", email="lantern@example.org")
    assert _logs_in(client, "lantern", PASSWORD)
    assert _logs_in(client, "Lantern@Example.org", PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)
    assert not _logs_in(client, "lantern@example.org", "not the password")


def test_password_change_needs_the_old_password_and_tells_the_account_by_email(client) -> None:
    user = UserFactory(username="keeper", email="keeper@example.org")
    client.force_login(user)
    assert client.get(CHANGE_PASSWORD).status_code == 200

    wrong = {"oldpassword": "not it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert "Your password is not changed yet." in client.post(CHANGE_PASSWORD, wrong).content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    right = {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client.post(CHANGE_PASSWORD, right, follow=True)
    assert "Your password is changed." in response.content.decode()
    assert SESSION_KEY in client.session  # still logged in here
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert [m.to for m in mail.outbox] == [["keeper@example.org"]]
    assert "password" in mail.outbox[0].subject.lower()


def test_forgotten_password_reset_from_the_emailed_link_works_once(client) -> None:
    user = UserFactory(username="forgetful", email="forgetful@example.org")
    login_page = client.get(LOGIN).content.decode()
    assert f'href="{RESET}"' in login_page  # "Forgot your password?"

    response = client.post(RESET, {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert "If an account uses this address" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["forgetful@example.org"]
    link = _link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)
    assert "Your password is changed" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert _logs_in(client, "forgetful", NEW_PASSWORD)

    client.post(LOGOUT)
    again = client.get(link, follow=True).content.decode()
    assert "This link no longer works" in again
    assert f'href="{RESET}"' in again  # offers a new one


def test_a_tampered_reset_link_changes_nothing(client) -> None:
    user = UserFactory(username="careful", email="careful@example.org")
    client.post(RESET, {"email": "careful@example.org"})
    link = _link(mail.outbox[0])
    tampered = re.sub(r"-([^/]+)/$", "-0000-0000000000000000/", link)
    page = client.get(tampered, follow=True)
    assert "This link no longer works" in page.content.decode()
    assert client.post(tampered, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code in (200, 302)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_reset_answers_the_same_for_an_address_nobody_uses(client) -> None:
    UserFactory(username="known", email="known@example.org")
    known = client.post(RESET, {"email": "known@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200

    def main(response) -> str:
        html = response.content.decode()
        return html[html.index("<main") : html.index("</main>")]

    assert main(known) == main(unknown)
    # The account's owner gets the link; the unknown address at most hears that it has no account here.
    to_known = [m for m in mail.outbox if m.to == ["known@example.org"]]
    assert len(to_known) == 1 and "/password/reset/key/" in to_known[0].body
    assert all("/password/reset/key/" not in m.body for m in mail.outbox if m.to == ["nobody@example.org"])


def test_email_change_is_confirmed_from_the_new_address_and_the_old_one_is_told(client) -> None:
    user = _confirmed(UserFactory(username="mover", email="old@example.org"))
    client.force_login(user)
    assert client.get(EMAIL).status_code == 200

    response = client.post(EMAIL, {"action_add": "", "email": "new@example.org"}, follow=True)
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email == "old@example.org"  # not until confirmed
    assert "Waiting for confirmation" in client.get(EMAIL).content.decode()
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    link = _link(mail.outbox[0])

    assert "Yes, confirm it" in client.get(link).content.decode()
    client.post(link)
    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert EmailAddress.objects.get(user=user, email="new@example.org").verified
    assert not EmailAddress.objects.filter(user=user, email="old@example.org").exists()
    told = [m for m in mail.outbox if m.to == ["old@example.org"]]
    assert len(told) == 1 and "new@example.org" in told[0].body
    assert _logs_in(client, "new@example.org", PASSWORD)


def test_email_change_to_an_address_in_use_is_refused_and_changes_nothing(client) -> None:
    _confirmed(UserFactory(username="holder", email="taken@example.org"))
    user = _confirmed(UserFactory(username="hopeful", email="hopeful@example.org"))
    client.force_login(user)
    response = client.post(EMAIL, {"action_add": "", "email": "taken@example.org"})
    assert "already an account with this email address" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "hopeful@example.org"
    assert not EmailAddress.objects.filter(user=user, email="taken@example.org", verified=True).exists()


def test_a_broken_confirmation_link_says_so(client) -> None:
    page = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert "This confirmation link no longer works" in page.content.decode()


def _signup(client, username: str, email: str):
    return client.post(
        SIGNUP,
        {"username": username, "email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )


def test_mandatory_verification_holds_the_new_account_until_its_address_is_confirmed(client, settings) -> None:
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = _signup(client, "newcomer", "newcomer@example.org")
    assert "Check your email" in response.content.decode()
    assert SESSION_KEY not in client.session
    user = User.objects.get(username="newcomer")
    assert user.pseuds.filter(is_default=True).exists()
    link = _link(mail.outbox[0])

    client.post(LOGIN, {"login": "newcomer", "password": NEW_PASSWORD})
    assert SESSION_KEY not in client.session  # not before the address is confirmed

    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    assert _logs_in(client, "newcomer", NEW_PASSWORD)


def test_signup_answers_the_same_for_an_address_already_in_use_when_verification_is_mandatory(client, settings) -> None:
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    UserFactory(username="original", email="original@example.org")
    fresh = _signup(client, "firstnew", "unused@example.org")
    client.cookies.clear()
    reused = _signup(client, "secondnew", "original@example.org")

    def main(response) -> str:
        html = response.content.decode()
        return re.sub(r"\S+@example\.org", "ADDRESS", html[html.index("<main") : html.index("</main>")])

    assert fresh.redirect_chain == reused.redirect_chain
    assert main(fresh) == main(reused)
    assert not User.objects.filter(username="secondnew").exists()
    to_owner = [m for m in mail.outbox if m.to == ["original@example.org"]]
    assert len(to_owner) == 1  # the owner is told someone tried; the page tells nothing


def test_optional_verification_logs_in_at_once_and_sends_a_confirmation_link(client) -> None:
    response = _signup(client, "eager", "eager@example.org")
    assert "Welcome, eager!" in response.content.decode()
    assert SESSION_KEY in client.session
    assert [m.to for m in mail.outbox] == [["eager@example.org"]]
    client.post(_link(mail.outbox[0]))
    assert EmailAddress.objects.get(email="eager@example.org").verified
