"""Writes for claims: sending claim invitations, and the author's three answers (mine, take them down, not mine).

Who may send: the archivist who archived the external creator's works, or a moderator. Who may answer: whoever
holds the link (a bearer secret, ``claims.tokens``); taking the works onto an account needs that account signed
in. Each answer is one transaction: the invitation is locked and checked, then the works move (or are hidden) and
the invitation is answered together, so a failure midway leaves nothing half-done. The archivist hears of every
answer by email, after commit.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.moderators import is_moderator
from scriptorium.accounts.selectors import suspension_message
from scriptorium.claims import events, selectors, tokens
from scriptorium.claims.models import ClaimInvitation, ClaimState
from scriptorium.core.mail import base_url, message_send
from scriptorium.works.external import external_creator_removal_request, external_creator_works_claim
from scriptorium.works.models import ExternalCreator
from scriptorium.works.series_claims import series_follow_claim

logger = logging.getLogger(__name__)

#: Why a creator was not sent an invitation.
NO_EMAIL = "no email address is known"
CLAIMED = "the works have been claimed already"
REMOVAL = "the author asked for the works to be taken down"
DECLINED = "the author answered that these works are not theirs"
MAIL_FAILED = "the mail server did not take the message"
#: Why a banned account cannot accept (a suspended one is told ``suspension_message`` and ``SUSPENDED_CLAIM``).
BANNED = "This account is banned: works cannot be added to it."
SUSPENDED_CLAIM = "Works cannot be added to a suspended account; this link still works once the suspension ends."


class ClaimUnknown(Exception):
    """No invitation opens with this token (mistyped, made up, or its creator deleted)."""


class ClaimAnswered(Exception):
    """The invitation was answered already, or a newer link replaced it."""

    def __init__(self, invitation: ClaimInvitation) -> None:
        super().__init__(invitation.state)
        self.invitation = invitation


@dataclass
class SendReport:
    sent: list[ExternalCreator] = field(default_factory=list)
    #: (creator, why) for each one not sent to.
    skipped: list[tuple[ExternalCreator, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimOutcome:
    invitation: ClaimInvitation
    work_ids: list[int]
    #: False when the same answer had been given already (nothing changed this time).
    changed: bool = True


def claim_link(token: str) -> str:
    return f"{base_url()}{reverse('claims:claim', kwargs={'token': token})}"


def may_send(actor: User, creator: ExternalCreator) -> bool:
    return actor.is_authenticated and actor.is_active and (creator.archivist_id == actor.pk or is_moderator(actor))


def _skip_reason(creator: ExternalCreator) -> str:
    if creator.is_claimed:
        return CLAIMED
    if creator.removal_requested_at:
        return REMOVAL
    if ClaimInvitation.objects.filter(external_creator=creator, state=ClaimState.DECLINED).exists():
        return DECLINED
    if not creator.email:
        return NO_EMAIL
    return ""


def claim_invitations_send(*, actor: User, external_creators: Iterable[ExternalCreator]) -> SendReport:
    """Email each external creator one link to their works (titles listed). Refused whole (``PermissionDenied``)
    when one of them is not the actor's to invite. Creators without an address, claimed, taken down or who said
    "not mine" are skipped and reported. Sending again makes a fresh link and voids the old one. Each creator is
    its own transaction, with the message sent inside it: a message the mail server refuses leaves the old link
    working and is reported."""
    creators = list(dict.fromkeys(external_creators))
    if any(not may_send(actor, c) for c in creators):
        raise PermissionDenied("Only the archivist who archived these works (or a moderator) may invite their authors.")
    report = SendReport()
    for creator in creators:
        try:
            with transaction.atomic():
                locked = ExternalCreator.objects.select_for_update().select_related("archivist").get(pk=creator.pk)
                reason = _skip_reason(locked)
                if reason:
                    report.skipped.append((creator, reason))
                    continue
                _invite(actor=actor, creator=locked)
        except (smtplib.SMTPException, OSError) as exc:
            logger.warning("A claim invitation for external creator %s could not be sent: %s", creator.pk, exc)
            report.skipped.append((creator, MAIL_FAILED))
            continue
        report.sent.append(creator)
    return report


def _invite(*, actor: User, creator: ExternalCreator) -> ClaimInvitation:
    now = timezone.now()
    ClaimInvitation.objects.filter(external_creator=creator, state=ClaimState.PENDING).update(
        state=ClaimState.VOIDED, answered_at=now
    )
    token, selector, verifier_hash = tokens.token_new()
    invitation = ClaimInvitation.objects.create(
        external_creator=creator,
        selector=selector,
        verifier_hash=verifier_hash,
        sent_to=creator.email,
        sent_by=actor,
        sent_at=now,
    )
    message_send(
        to=creator.email,
        template="claims/email/invitation",
        context={
            "creator": creator,
            "archivist": creator.archivist,
            "titles": selectors.work_titles(creator),
            "claim_url": claim_link(token),
        },
    )
    return invitation


def _locked(token: str) -> ClaimInvitation:
    found = selectors.claim_by_token(token)
    if found is None:
        raise ClaimUnknown
    return ClaimInvitation.objects.select_for_update().select_related("external_creator__archivist").get(pk=found.pk)


def _tell_archivist(invitation: ClaimInvitation, template: str, **context: object) -> None:
    creator = invitation.external_creator
    archivist = creator.archivist

    def send() -> None:
        try:
            message_send(
                to=archivist.email,
                template=f"claims/email/{template}",
                context={
                    "creator": creator,
                    "archivist": archivist,
                    "titles": selectors.work_titles(creator),
                    "archived_url": f"{base_url()}{reverse('claims:archived_creators')}",
                    **context,
                },
            )
        except (smtplib.SMTPException, OSError) as exc:  # the answer stands; only the notice is lost
            logger.warning("The archivist of external creator %s could not be told: %s", creator.pk, exc)

    transaction.on_commit(send)


def _answer(invitation: ClaimInvitation, state: str, *, by: User | None = None, pseud: Pseud | None = None) -> None:
    invitation.state, invitation.answered_at = state, timezone.now()
    invitation.answered_by, invitation.pseud = by, pseud
    invitation.save(update_fields=["state", "answered_at", "answered_by", "pseud"])


def _pending_or_repeat(invitation: ClaimInvitation, state: str, *, by: User | None = None) -> bool:
    """True when the invitation waits for an answer; False when this same answer was given already (a no-op);
    raises ``ClaimAnswered`` otherwise."""
    if invitation.is_pending:
        return True
    if invitation.state == state and (state != ClaimState.ACCEPTED or invitation.answered_by_id == by.pk):
        return False
    raise ClaimAnswered(invitation)


def claim_accept(*, actor: User, token: str, pseud_id: int) -> ClaimOutcome:
    """ "These are mine": the external creator's works move onto the actor's pseud (``works.external``), and the
    archivist's series of only these works with them (``works.series_claims``); the invitation is accepted,
    ``external_works_claimed`` is announced and the archivist told. A suspended or banned account is refused
    (``ValidationError``) before anything changes. Accepting again from the same account changes nothing
    (``changed`` False)."""
    if not actor.is_authenticated:
        raise PermissionDenied("Sign up or log in first: the works go to an account.")
    _standing_check(actor)
    pseud = Pseud.objects.filter(pk=pseud_id, user=actor).first()
    if pseud is None:
        raise ValidationError({"pseud": ["Choose one of your own pseuds."]})
    with transaction.atomic():
        invitation = _locked(token)
        if not _pending_or_repeat(invitation, ClaimState.ACCEPTED, by=actor):
            return ClaimOutcome(invitation=invitation, work_ids=[], changed=False)
        creator = invitation.external_creator
        work_ids = external_creator_works_claim(external_creator=creator, pseud=pseud)
        series_follow_claim(archivist_id=creator.archivist_id, pseud=pseud, work_ids=work_ids)
        _answer(invitation, ClaimState.ACCEPTED, by=actor, pseud=pseud)
        events.external_works_claimed.announce(external_creator_id=creator.pk, pseud_id=pseud.pk, work_ids=work_ids)
        _tell_archivist(invitation, "claimed", pseud=pseud)
    return ClaimOutcome(invitation=invitation, work_ids=work_ids)


def _standing_check(actor: User) -> None:
    """A banned or suspended account takes no works: a clear ``ValidationError``, before anything changes."""
    if actor.banned_at is not None or not actor.is_active:
        raise ValidationError(BANNED, code="banned")
    suspended = suspension_message(actor)
    if suspended:
        raise ValidationError(f"{suspended} {SUSPENDED_CLAIM}", code="suspended")


def claim_removal_request(*, token: str) -> ClaimOutcome:
    """ "Please take them down": the works leave public view at once (hidden with the reason "removal requested by
    the author", ``works.external``), the invitation is answered and the archivist told."""
    with transaction.atomic():
        invitation = _locked(token)
        if not _pending_or_repeat(invitation, ClaimState.REMOVAL):
            return ClaimOutcome(invitation=invitation, work_ids=[], changed=False)
        work_ids = external_creator_removal_request(external_creator=invitation.external_creator)
        _answer(invitation, ClaimState.REMOVAL)
        _tell_archivist(invitation, "removal_requested")
    return ClaimOutcome(invitation=invitation, work_ids=work_ids)


def claim_decline(*, token: str) -> ClaimOutcome:
    """ "These are not mine": the invitation is declined (the works stay as they are) and the archivist told."""
    with transaction.atomic():
        invitation = _locked(token)
        if not _pending_or_repeat(invitation, ClaimState.DECLINED):
            return ClaimOutcome(invitation=invitation, work_ids=[], changed=False)
        _answer(invitation, ClaimState.DECLINED)
        _tell_archivist(invitation, "declined")
    return ClaimOutcome(invitation=invitation, work_ids=[])
