"""Two-factor sign-in (allauth.mfa): an authenticator app (TOTP) and recovery codes, each asked after the
password; a wrong code logs nobody in, a recovery code works once."""

from __future__ import annotations

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
MFA = reverse("mfa_index")
ACTIVATE = reverse("mfa_activate_totp")
AUTHENTICATE = reverse("mfa_authenticate")


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _turn_on(client) -> tuple[str, object]:
    user = UserFactory(username="careful", email="careful@example.org")
    # Two-factor needs a confirmed address (accounts made before allauth have one: migration accounts 0003).
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post(LOGIN, {"login": "careful", "password": PASSWORD})
    assert "Off." in client.get(MFA).content.decode()
    # Turning it on asks for the password again first.
    assert client.get(ACTIVATE)["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(ACTIVATE).content.decode()
    assert "<svg" in page  # the QR code, drawn inline (the CSP allows no data: images)
    assert '<label for="id_code">Code from your app</label>' in page
    assert 'autocomplete="one-time-code"' in page
    secret = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', page).group(1)
    wrong = "000000" if _code(secret) != "000000" else "111111"
    assert "Two-factor sign-in is not on yet." in client.post(ACTIVATE, {"code": wrong}).content.decode()
    assert not Authenticator.objects.filter(user=user).exists()
    client.post(ACTIVATE, {"code": _code(secret)})
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert "On: logging in asks for a code" in client.get(MFA).content.decode()
    client.post(LOGOUT)
    cache.clear()  # the code just used may not be used twice
    return secret, user


def test_with_two_factor_on_the_password_alone_does_not_log_in(client) -> None:
    secret, user = _turn_on(client)
    response = client.post(LOGIN, {"login": "careful", "password": PASSWORD})
    assert response["Location"] == AUTHENTICATE
    assert SESSION_KEY not in client.session

    wrong = client.post(AUTHENTICATE, {"code": "123456" if _code(secret) != "123456" else "654321"})
    assert "Incorrect code." in wrong.content.decode()
    assert SESSION_KEY not in client.session

    client.post(AUTHENTICATE, {"code": _code(secret)})
    assert client.session[SESSION_KEY] == str(user.pk)


def test_a_recovery_code_logs_in_once(client) -> None:
    _secret, user = _turn_on(client)
    codes = RecoveryCodes(Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES))
    code = codes.get_unused_codes()[0]

    client.post(LOGIN, {"login": "careful", "password": PASSWORD})
    client.post(AUTHENTICATE, {"code": code})
    assert client.session[SESSION_KEY] == str(user.pk)

    client.post(LOGOUT)
    client.post(LOGIN, {"login": "careful", "password": PASSWORD})
    client.post(AUTHENTICATE, {"code": code})
    assert SESSION_KEY not in client.session


def test_wrong_codes_are_throttled_like_wrong_passwords(client) -> None:
    secret, _user = _turn_on(client)
    client.post(LOGIN, {"login": "careful", "password": PASSWORD})
    wrong = "123456" if _code(secret) != "123456" else "654321"
    for _ in range(10):
        client.post(AUTHENTICATE, {"code": wrong})
    response = client.post(AUTHENTICATE, {"code": _code(secret)})
    assert SESSION_KEY not in client.session
    assert "Too many failed attempts to log in. Please try again in a few minutes." in response.content.decode()
