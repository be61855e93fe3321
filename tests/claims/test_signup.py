"""Signing up from a claim link (issue 15): where sign-up asks for an invitation code (invite and queue modes) the
link counts as one, and only the link, and only while its claim waits; with mandatory email verification the new
author comes back to the claim page once the address is confirmed."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail

from scriptorium.accounts.models import User
from scriptorium.claims import services
from scriptorium.claims.models import ClaimInvitation, ClaimState
from scriptorium.invitations.signup import PASS_SESSION_KEY

pytestmark = pytest.mark.django_db

SIGNUP = "/signup"
PASSWORD = "a quiet lamp by the north window"


def _data(**overrides: str) -> dict[str, str]:
    return {
        "username": "marigold",
        "email": "marigold@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


@pytest.fixture
def token(archivist, archived) -> str:
    mail.outbox.clear()
    services.claim_invitations_send(actor=archivist, external_creators=[archived[0]])
    (message,) = mail.outbox
    mail.outbox.clear()
    return message.body.split("/claims/")[1].split()[0]


@pytest.mark.parametrize("mode", ["invite", "queue"])
def test_a_claim_link_counts_as_an_invitation(client, settings, token, mode) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = mode
    claim = f"/claims/{token}"
    page = client.get(claim).content.decode()
    assert f'href="/signup?next={claim}"' in page
    form = client.get(f"{SIGNUP}?next={claim}").content.decode()
    assert 'name="invitation"' not in form and "Your link lets you create an account without" in form
    response = client.post(f"{SIGNUP}?next={claim}", {**_data(), "next": claim})
    assert response.status_code == 302 and response["Location"] == claim
    user = User.objects.get(username="marigold")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert PASS_SESSION_KEY not in client.session  # spent by this account
    accepted = client.post("/claims/answer", {"token": token, "answer": "accept", "pseud": user.default_pseud.pk})
    assert accepted.status_code == 302
    assert ClaimInvitation.objects.get().state == ClaimState.ACCEPTED


@pytest.mark.parametrize("mode", ["invite", "queue"])
def test_without_the_link_a_code_is_still_needed(client, settings, token, mode) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = mode
    assert 'name="invitation"' in client.get(SIGNUP).content.decode()
    response = client.post(SIGNUP, _data())
    assert response.status_code == 400
    assert "Sign-up on this archive needs an invitation code." in response.content.decode()
    # A made-up or mistyped link gives no pass either.
    client.get(f"/claims/{token[:-1]}{'A' if token[-1] != 'A' else 'B'}")
    assert client.post(SIGNUP, _data()).status_code == 400
    assert not User.objects.filter(username="marigold").exists()


@pytest.mark.parametrize("answer", ["decline", "remove", "resent"])
def test_a_link_whose_claim_was_answered_or_replaced_gives_no_pass(
    client, settings, archivist, archived, token, answer
) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "invite"
    client.get(f"/claims/{token}")  # the pass, while the claim waits
    assert 'name="invitation"' not in client.get(SIGNUP).content.decode()
    if answer == "resent":
        services.claim_invitations_send(actor=archivist, external_creators=[archived[0]])
    elif answer == "remove":
        services.claim_removal_request(token=token)
    else:
        services.claim_decline(token=token)
    assert 'name="invitation"' in client.get(SIGNUP).content.decode()
    assert client.post(SIGNUP, _data()).status_code == 400
    assert not User.objects.filter(username="marigold").exists()


def test_closed_sign_up_offers_only_logging_in(client, settings, token) -> None:
    settings.SCRIPTORIUM_SIGNUP_MODE = "closed"
    page = client.get(f"/claims/{token}").content.decode()
    assert "Sign up to claim them" not in page and "Log in to claim them" in page
    assert "New accounts are not being created" in page
    assert client.post(SIGNUP, _data()).status_code == 404


def test_after_confirming_the_address_the_author_comes_back_to_the_claim(client, settings, archived, token) -> None:
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    claim = f"/claims/{token}"
    client.get(claim)
    sent = client.post(f"{SIGNUP}?next={claim}", {**_data(), "next": claim}, follow=True)
    assert "Check your email" in sent.content.decode()
    assert SESSION_KEY not in client.session
    (welcome,) = [m for m in mail.outbox if m.to == ["marigold@example.org"]]
    confirm = re.findall(r"https?://testserver(/account/confirm-email/\S+)", welcome.body)[0]
    assert client.get(confirm).status_code == 200
    confirmed = client.post(confirm)
    assert confirmed.status_code == 302 and confirmed["Location"] == f"/login?next={claim.replace('/', '%2F')}"
    logged_in = client.post(confirmed["Location"], {"login": "marigold", "password": PASSWORD, "next": claim})
    assert logged_in.status_code == 302 and logged_in["Location"] == claim
    user = User.objects.get(username="marigold")
    assert client.session[SESSION_KEY] == str(user.pk)
    page = client.get(claim).content.decode()
    assert f'<option value="{user.default_pseud.pk}" selected>' in page
