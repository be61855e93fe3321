"""The sign-up form's honeypot (issue 14, spam defences): a box people never see; a robot that fills it gets a
generic refusal and no account."""

from __future__ import annotations

import re

import pytest

from scriptorium.accounts.models import Pseud, User
from scriptorium.core.forms import HONEYPOT_MESSAGE
from tests.accounts.test_auth import SIGNUP, _signup_data

pytestmark = pytest.mark.django_db


def test_the_signup_form_has_a_box_hidden_from_people_screen_readers_and_the_keyboard(client) -> None:
    body = client.get(SIGNUP).content.decode()
    found = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', body, re.S)
    assert found, "no honeypot on the sign-up page"
    box = found.group(1)
    assert 'name="homepage"' in box
    assert 'tabindex="-1"' in box and 'autocomplete="off"' in box
    assert "display:none" not in box.replace(" ", "")  # off screen, not removed: robots still see it
    assert body.count('name="homepage"') == 1


def test_a_filled_honeypot_creates_no_account_and_says_nothing_of_why(client) -> None:
    users, pseuds = User.objects.count(), Pseud.objects.count()
    response = client.post(SIGNUP, _signup_data(homepage="https://spam.example/"))
    assert response.status_code == 400
    assert HONEYPOT_MESSAGE in response.content.decode()
    assert "homepage" not in " ".join(response.context["form"].errors.as_text().split(" * "))
    assert (User.objects.count(), Pseud.objects.count()) == (users, pseuds)


def test_an_empty_honeypot_signs_up_as_before(client) -> None:
    response = client.post(SIGNUP, _signup_data(homepage=""))
    assert response.status_code == 302
    assert User.objects.filter(username="newwriter").exists()
