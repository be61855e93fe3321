"""SCRIPTORIUM_MFA_REQUIRED_FOR_STAFF: administrators, moderators and wranglers turn on two-factor sign-in before
anything else; other accounts, and staff who have it on, go on as before."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.urls import reverse

from scriptorium.accounts.middleware import NOTICE
from scriptorium.accounts.moderators import moderators_group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DRAFTS = reverse("works:drafts")
MFA = reverse("mfa_index")


def _admin():
    return UserFactory(username="admin", is_staff=True)


def _moderator():
    user = UserFactory(username="moderator")
    user.groups.add(moderators_group())
    return user


def _wrangler():
    user = UserFactory(username="wrangler")
    user.user_permissions.add(Permission.objects.get(codename="wrangle_tag"))
    return user


@pytest.mark.parametrize("make", [_admin, _moderator, _wrangler])
def test_staff_without_two_factor_are_sent_to_turn_it_on(client, settings, make) -> None:
    settings.SCRIPTORIUM_MFA_REQUIRED_FOR_STAFF = True
    client.force_login(make())
    response = client.get(DRAFTS, follow=True)
    assert response.redirect_chain == [(MFA, 302)]
    assert NOTICE in response.content.decode()


def test_staff_with_two_factor_and_other_accounts_go_on(client, settings) -> None:
    settings.SCRIPTORIUM_MFA_REQUIRED_FOR_STAFF = True
    admin = _admin()
    TOTP.activate(admin, generate_totp_secret())
    assert Authenticator.objects.filter(user=admin).exists()
    client.force_login(admin)
    assert client.get(DRAFTS).status_code == 200
    client.force_login(UserFactory(username="reader"))
    assert client.get(DRAFTS).status_code == 200


def test_off_by_default(client) -> None:
    client.force_login(_admin())
    assert client.get(DRAFTS).status_code == 200
