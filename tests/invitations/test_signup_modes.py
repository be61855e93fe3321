"""Sign-up in each mode: open (no code asked), invite (a valid unused code needed), closed; a code works once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scriptorium.accounts.models import User
from scriptorium.invitations.models import Invitation
from scriptorium.invitations.services import invitation_issue, invitation_redeem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SIGNUP = reverse("accounts:signup")


def _data(**overrides: str) -> dict[str, str]:
    data = {
        "username": "newcomer",
        "email": "newcomer@example.org",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
    }
    data.update(overrides)
    return data


def test_open_mode_asks_for_no_code(client, settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "open"
    page = client.get(SIGNUP).content.decode()
    assert "Invitation code" not in page
    assert client.post(SIGNUP, _data()).status_code == 302
    assert User.objects.filter(username="newcomer").exists()


def test_invite_mode_refuses_sign_up_without_a_code(client, settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "invite"
    assert 'name="invitation"' in client.get(SIGNUP).content.decode()
    response = client.post(SIGNUP, _data())
    assert response.status_code == 400
    assert "Sign-up on this archive needs an invitation code." in response.content.decode()
    assert not User.objects.filter(username="newcomer").exists()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("unknown", "This invitation code is not right."),
        ("used", "This invitation code has already been used."),
        ("expired", "This invitation code has expired."),
    ],
)
def test_invite_mode_a_bad_code_is_a_clear_error_and_nothing_is_created(client, settings, state, message) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "invite"
    (invitation,) = invitation_issue(count=1)
    if state == "used":
        invitation_redeem(code=invitation.code, user=UserFactory())
    if state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    code = "not-a-real-code" if state == "unknown" else invitation.code
    users = User.objects.count()
    response = client.post(SIGNUP, _data(invitation=code))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.count() == users


def test_invite_mode_a_good_code_makes_the_account_and_is_used_up(client, settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "invite"
    giver = UserFactory()
    (invitation,) = invitation_issue(count=1, creator=giver)
    page = client.get(f"{SIGNUP}?invitation={invitation.code}").content.decode()
    assert f'value="{invitation.code}"' in page  # the emailed link fills the code in

    response = client.post(SIGNUP, _data(invitation=invitation.code))
    assert response.status_code == 302
    newcomer = User.objects.get(username="newcomer")
    invitation.refresh_from_db()
    assert invitation.redeemed_by == newcomer
    assert invitation.redeemed_at is not None

    client.post(reverse("accounts:logout"))
    again = client.post(SIGNUP, _data(username="second", email="second@example.org", invitation=invitation.code))
    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert not User.objects.filter(username="second").exists()


def test_a_code_taken_between_the_check_and_the_save_leaves_no_account(client, settings, monkeypatch) -> None:
    """Two sign-ups racing for one code: both passed the form's check before either saved; the conditional UPDATE
    lets only the first one have it."""
    settings.SCRIPTORIUM_SIGNUP_MODE = "invite"
    (invitation,) = invitation_issue(count=1)
    rival = UserFactory()
    from scriptorium.invitations import signup as invitation_signup

    # This sign-up's check ran while the code was still free ...
    monkeypatch.setattr(invitation_signup, "invitation_check", lambda code: invitation)
    # ... and then the rival's sign-up redeemed it and committed.
    invitation_redeem(code=invitation.code, user=rival)
    users = User.objects.count()
    response = client.post(SIGNUP, _data(invitation=invitation.code))
    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    assert User.objects.count() == users  # the newcomer's account was rolled back with the refused code
    assert not User.objects.filter(username="newcomer").exists()
    invitation.refresh_from_db()
    assert invitation.redeemed_by == rival


def test_redeeming_is_single_use() -> None:
    (invitation,) = invitation_issue(count=1)
    first, second = UserFactory(), UserFactory()
    invitation_redeem(code=invitation.code, user=first)
    with pytest.raises(ValidationError, match="already been used"):
        invitation_redeem(code=invitation.code, user=second)
    invitation.refresh_from_db()
    assert invitation.redeemed_by == first


def test_closed_mode_says_sign_ups_are_closed(client, settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "closed"
    response = client.get(SIGNUP)
    assert response.status_code == 404
    assert "Sign-ups are closed" in response.content.decode()
    assert client.post(SIGNUP, _data()).status_code == 404
    assert not User.objects.filter(username="newcomer").exists()
    assert 'href="/signup"' not in client.get(reverse("accounts:login")).content.decode()


def test_the_older_open_signup_setting_off_still_closes(client, settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "invite"
    settings.SCRIPTORIUM_OPEN_SIGNUP = False
    assert client.get(SIGNUP).status_code == 404


def test_the_invitation_page_checks_the_code_and_leads_to_sign_up(client, settings) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "invite"
    (invitation,) = invitation_issue(count=1)
    page = client.get(reverse("invitations:detail", kwargs={"code": invitation.code}))
    assert page.status_code == 200
    assert f'href="{SIGNUP}?invitation={invitation.code}"' in page.content.decode()
    invitation_redeem(code=invitation.code, user=UserFactory())
    used = client.get(reverse("invitations:detail", kwargs={"code": invitation.code}))
    assert used.status_code == 410
    assert "already been used" in used.content.decode()
    assert client.get(reverse("invitations:detail", kwargs={"code": "nothing-here"})).status_code == 404
