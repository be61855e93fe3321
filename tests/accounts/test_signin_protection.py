"""Sign-in protection: failed log-ins are throttled with a message saying when to try again and a notice to the
account; the answers do not tell whether an account exists; banned accounts cannot log in, suspended ones can."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from scriptorium.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _main(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_when_to_retry(client) -> None:
    user = UserFactory(username="target", email="target@example.org")
    for _ in range(5):
        response = client.post(LOGIN, {"login": "target", "password": "guess"})
        assert "The username or password is not right." in response.content.decode()

    response = client.post(LOGIN, {"login": "target", "password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert response.status_code == 400
    text = response.content.decode()
    assert re.search(r"Too many failed attempts to log in\. Please try again in [1-5] minutes?\.", text), text

    # The account hears of it once, by email; the address it uses is never shown on the page.
    assert [m.to for m in mail.outbox] == [["target@example.org"]]
    assert "target" in mail.outbox[0].body and "5 times" in mail.outbox[0].body
    assert "target@example.org" not in text
    client.post(LOGIN, {"login": "target", "password": "guess"})
    assert len(mail.outbox) == 1
    assert user.last_login is None


def test_too_many_failures_from_one_address_across_accounts_are_refused(client) -> None:
    for number in range(10):
        client.post(LOGIN, {"login": f"someone{number}", "password": "guess"})
    UserFactory(username="innocent")
    response = client.post(LOGIN, {"login": "innocent", "password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert "Please try again in" in response.content.decode()


def test_login_answers_the_same_for_a_wrong_password_and_an_unknown_account(client) -> None:
    UserFactory(username="exists", email="exists@example.org")
    wrong_password = client.post(LOGIN, {"login": "exists", "password": "nope"})
    unknown = client.post(LOGIN, {"login": "doesnotexist", "password": "nope"})
    assert wrong_password.status_code == unknown.status_code == 400
    assert _main(wrong_password).replace("exists", "X") == _main(unknown).replace("doesnotexist", "X")

    by_email = client.post(LOGIN, {"login": "exists@example.org", "password": "nope"})
    unknown_email = client.post(LOGIN, {"login": "nobody@example.org", "password": "nope"})
    assert _main(by_email).replace("exists@", "X@") == _main(unknown_email).replace("nobody@", "X@")


def test_a_banned_account_cannot_log_in_and_is_told_why(client) -> None:
    user = UserFactory(username="banned")
    User.objects.filter(pk=user.pk).update(is_active=False, banned_at=timezone.now(), ban_reason="Spam")
    response = client.post(LOGIN, {"login": "banned", "password": PASSWORD}, follow=True)
    assert SESSION_KEY not in client.session
    assert "This account cannot log in" in response.content.decode()
    assert "banned" in response.content.decode()


def test_a_suspended_account_can_still_log_in(client) -> None:
    user = UserFactory(username="suspended")
    User.objects.filter(pk=user.pk).update(
        suspended_until=timezone.now() + timedelta(days=3), suspension_reason="Cooling off"
    )
    client.post(LOGIN, {"login": "suspended", "password": PASSWORD})
    assert client.session[SESSION_KEY] == str(user.pk)
