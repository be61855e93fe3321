"""How django-allauth fits the archive: who may sign up, how an account is created (with its default pseud and
its acceptance of the terms, through ``policies.signup``), the address a request comes from, and the log-in
throttle's answer (when to try again) with a notice to the account the first time its limit is reached."""

from __future__ import annotations

import math
import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from scriptorium.accounts.models import User
from scriptorium.accounts.services import PSEUD_MAX, username_check, username_rule_check
from scriptorium.core import mail
from scriptorium.core.clients import client_ip
from scriptorium.invitations import signup as invitation_signup
from scriptorium.policies import signup as policy_signup

_LOGIN_FAILED = {"app": "allauth.account", "action": "login_failed"}
#: Where a new account was going (``?next=``, a safe address here) while its address waits to be confirmed.
VERIFICATION_NEXT_KEY = "scriptorium_verification_next"


def verification_next_keep(request: HttpRequest) -> None:
    """Keep the sign-up's ``next`` (say, a claim page) in the session across the email verification."""
    next_url = get_next_redirect_url(request)
    if next_url:
        request.session[VERIFICATION_NEXT_KEY] = next_url


def _wait_words(seconds: float) -> str:
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def login_retry_seconds(request: HttpRequest, key: str) -> float:
    """How long until the failed log-ins counted for this address and this login fall under every limit."""
    now, wait = time.time(), 0.0
    for rate in ratelimit.get_rates(**_LOGIN_FAILED):
        cache_key = ratelimit.get_cache_key(request, rate=rate, key=key, **_LOGIN_FAILED)
        history = ratelimit.cache.get(cache_key, [])  # newest first
        if len(history) >= rate.amount:
            wait = max(wait, history[rate.amount - 1] + rate.duration - now)
    return wait


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": "The username or password is not right.",
        "email_password_mismatch": "The email address or password is not right.",
        "username_taken": "This username is taken.",
        # Wrong second-factor codes (allauth.mfa) count in the same throttle; the password form says exactly when.
        "too_many_login_attempts": "Too many failed attempts to log in. Please try again in a few minutes.",
        # Shown only when sign-up cannot hide it (email verification not "mandatory": see docs).
        "email_taken": "There is already an account with this email address. Try logging in.",
    }

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's messages are drawn like ours (account/email/base_message.*): the site's name and address."""
        super().send_mail(
            template_prefix, email, {"site_name": settings.SITE_NAME, "base_url": mail.base_url(), **context}
        )

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        """After confirming in the browser that signed up, back to where the sign-up was going (through the log-in
        page while logged out); else allauth's answer."""
        next_url = self.request.session.pop(VERIFICATION_NEXT_KEY, None)
        if not next_url:
            return super().get_email_verification_redirect_url(email_address)
        if self.request.user.is_authenticated:
            return next_url
        return f"{reverse('accounts:login')}?{urlencode({'next': next_url})}"

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return invitation_signup.signup_mode() != "closed"  # invite and queue: open, with a code

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)

    def clean_username(self, username: str, shallow: bool = False) -> str:
        username = super().clean_username(username, shallow=shallow)
        if len(username) > PSEUD_MAX:
            raise ValidationError(f"Usernames are {PSEUD_MAX} characters at most.")
        username_rule_check(username)  # a new name only: existing accounts keep theirs
        if not shallow:
            username_check(username)  # not another account's username or pseud, any case
        return username

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        """The account, its default pseud and its acceptance of the terms shown, in one transaction."""
        data = form.cleaned_data
        return policy_signup.account_sign_up(
            username=data["username"],
            email=data["email"],
            password=data["password1"],
            terms=data.get(policy_signup.FIELD_NAME),
        )

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            key = self._get_login_attempts_cache_key(request, **credentials)
            wait = _wait_words(login_retry_seconds(request, key))
            raise ValidationError(
                f"Too many failed attempts to log in. Please try again in {wait}.", code="too_many_login_attempts"
            ) from None

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        """The first time an account's own limit is reached, tell it by email (the address is never shown)."""
        super().authentication_failed(request, **credentials)
        key = self._get_login_attempts_cache_key(request, **credentials)
        rates = [rate for rate in ratelimit.get_rates(**_LOGIN_FAILED) if rate.per == "key"]
        for rate in rates:
            cache_key = ratelimit.get_cache_key(request, rate=rate, key=key, **_LOGIN_FAILED)
            if len(ratelimit.cache.get(cache_key, [])) == rate.amount:
                self._send_failed_logins_notice(credentials, rate.amount)
                return

    def _send_failed_logins_notice(self, credentials: dict[str, Any], count: int) -> None:
        login = credentials.get("email") or credentials.get("username") or ""
        field = "email__iexact" if "email" in credentials else "username__iexact"
        user = User.objects.filter(**{field: login}, is_active=True).exclude(email="").first()
        if user is not None:
            self.send_mail("account/email/login_failures", user.email, {"user": user, "count": count})
