"""``core.consent``: works asks whether an invitee refuses the inviter; the apps above it answer (interactions:
a block). Registered once at start-up, and the answer follows the block both ways in time."""

from __future__ import annotations

import pytest

from scriptorium.core import consent
from scriptorium.interactions.services.relations import block_add, block_remove
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_block_refuses_invitations_from_the_blocked_account_only() -> None:
    inviter, invitee = UserFactory(), UserFactory()
    assert not consent.invite_refused(inviter.pk, invitee.pk)
    block_add(actor=invitee, username=inviter.username)
    assert consent.invite_refused(inviter.pk, invitee.pk)
    assert not consent.invite_refused(invitee.pk, inviter.pk)  # the blocker may still invite
    block_remove(actor=invitee, user_id=inviter.pk)
    assert not consent.invite_refused(inviter.pk, invitee.pk)


def test_registering_the_same_check_twice_keeps_one(monkeypatch) -> None:
    monkeypatch.setattr(consent, "_checks", {})
    calls = []

    def check(inviter_id: int, invitee_id: int) -> bool:
        calls.append((inviter_id, invitee_id))
        return False

    consent.invite_refusal_register(check)
    consent.invite_refusal_register(check)
    assert not consent.invite_refused(1, 2)
    assert calls == [(1, 2)]
