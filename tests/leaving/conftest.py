"""Shared setup for leaving: an account with something of everything, and a digest of every table."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.apps import apps

from scriptorium.accounts.models import Pseud, User
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work


def table_digest() -> dict[str, int]:
    """How many rows each table holds: equal before and after a refused deletion. The search index is settled
    first (the test's writes never commit, so its updates wait for a request: tests/conftest.py)."""
    from django.db import connection

    from scriptorium.search import signals

    signals.flush_pending(connection.alias)
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def two_factor_on(user: User) -> tuple[str, list[str]]:
    """Turn on two-factor with allauth's own code: answers the TOTP secret and the recovery codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).generate_codes()
    return secret, codes


@dataclass
class Leaver:
    user: User
    pen: Pseud
    kept: Work  # to orphan keeping its pseud's name
    plain: Work  # to orphan as "orphan_account"
    doomed: Work  # to delete
    draft: Work

    @property
    def choices(self) -> dict[str, str]:
        return {
            f"work-{self.kept.pk}": "orphan_keep_name",
            f"work-{self.plain.pk}": "orphan",
            f"work-{self.doomed.pk}": "delete",
        }


@pytest.fixture
def leaver(db) -> Leaver:
    user = UserFactory(username="wanderer", email="wanderer@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    pen = Pseud.objects.create(user=user, name="Lantern Moth")
    return Leaver(
        user=user,
        pen=pen,
        kept=make_work(creator=pen, title="Moth Songs"),
        plain=make_work(creator=user, title="Harbour Tides"),
        doomed=make_work(creator=user, title="Burnt Letters"),
        draft=make_work(creator=user, title="Half a Thought", post=False),
    )


__all__ = ["Authenticator", "Leaver", "table_digest", "totp_code", "two_factor_on"]
