"""Writes for invitations: issuing codes, sending them, redeeming one at sign-up, the queue and its release."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from scriptorium.core.mail import base_url, message_send
from scriptorium.core.ratelimit import RateLimited, rate_limit_hit
from scriptorium.invitations import selectors
from scriptorium.invitations.models import Invitation, InvitationRequest, QueueRelease

ISSUE_MAX = 1000
REQUEST_LIMITED = "This address has asked several times already. Please try again tomorrow."


def _email_check(email: str, *, field: str = "email") -> str:
    email = selectors.normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({field: ["Enter a valid email address."]}) from None
    return email


@transaction.atomic
def invitation_issue(
    *, count: int, creator: object | None = None, expires_at: datetime.datetime | None = None
) -> list[Invitation]:
    """``count`` new codes, given to ``creator`` (an account) or to nobody (the admins hand them out)."""
    if not 1 <= count <= ISSUE_MAX:
        raise ValidationError({"count": [f"Issue between 1 and {ISSUE_MAX} codes at a time."]})
    return [Invitation.objects.create(creator=creator, expires_at=expires_at) for _ in range(count)]


def signup_link(invitation: Invitation) -> str:
    return f"{base_url()}{reverse('accounts:signup')}?invitation={invitation.code}"


def _invitation_email(invitation: Invitation, *, email: str, sender: object | None) -> None:
    message_send(
        to=email,
        template="invitations/email/invitation",
        context={"invitation": invitation, "sender": sender, "signup_url": signup_link(invitation)},
    )


@transaction.atomic
def invitation_send(*, actor: object, invitation_id: int, email: str) -> Invitation:
    """Email one of ``actor``'s unused codes to ``email`` (the code is kept for that address from then on)."""
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id).first()
    if invitation is None or invitation.creator_id != actor.pk:
        raise PermissionDenied("That invitation is not yours to give.")
    email = _email_check(email)
    if not invitation.is_usable:
        raise ValidationError("This invitation has already been used or has expired.")
    if invitation.sent_to:
        raise ValidationError(f"This invitation was already sent to {invitation.sent_to}.")
    invitation.sent_to, invitation.sent_at = email, timezone.now()
    invitation.save(update_fields=["sent_to", "sent_at"])
    transaction.on_commit(lambda: _invitation_email(invitation, email=email, sender=actor))
    return invitation


def invitation_redeem(*, code: str, user: object) -> Invitation:
    """Mark the code used by ``user``: one conditional UPDATE, so of two sign-ups racing for one code only one
    wins; the other gets a ValidationError (its transaction, which created its account, is rolled back)."""
    now = timezone.now()
    updated = Invitation.objects.usable().filter(code=(code or "").strip()).update(redeemed_at=now, redeemed_by=user)
    if updated != 1:
        selectors.invitation_check(code)  # says why (used, expired, unknown)
        raise ValidationError(selectors.CODE_USED, code="used")
    return Invitation.objects.get(code=code.strip())


def invitation_request_create(*, email: str, client: str = "") -> int:
    """Put ``email`` in the queue (once: asking again keeps the first place) and answer its place. Limited per
    address asked for and per client (``client``: the hashed network address of the person asking)."""
    if selectors.signup_mode() != "queue":
        raise ValidationError("The archive is not taking invitation requests at the moment.")
    email = _email_check(email)
    try:
        rate_limit_hit("invite_request", email)
        if client:
            rate_limit_hit("invite_request_client", client)
    except RateLimited:
        raise ValidationError({"email": [REQUEST_LIMITED]}) from None
    if not InvitationRequest.objects.waiting().filter(email=email).exists():
        try:
            with transaction.atomic():
                InvitationRequest.objects.create(email=email)
        except IntegrityError:
            pass  # the same address asked twice at once: one request is enough
    return selectors.queue_place(email) or 0


def _has_account(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()


def queue_release(*, today: datetime.date | None = None) -> int:
    """Release up to ``SCRIPTORIUM_INVITE_QUEUE_PER_DAY`` requests, oldest first, once a day: each gets a new code
    by email. An address that already has an account is answered silently, without a code. Answer how many
    invitations were sent (0 when today's release already ran)."""
    per_day = selectors.per_day()
    if selectors.signup_mode() != "queue" or per_day == 0:
        return 0
    today = today or timezone.localdate()
    sent: list[tuple[Invitation, str]] = []
    with transaction.atomic():
        release, created = QueueRelease.objects.get_or_create(date=today)
        if not created:
            return 0
        now = timezone.now()
        for request in InvitationRequest.objects.waiting().select_for_update()[:per_day]:
            request.invited_at = now
            if not _has_account(request.email):
                request.invitation = Invitation.objects.create(sent_to=request.email, sent_at=now)
                sent.append((request.invitation, request.email))
            request.save(update_fields=["invited_at", "invitation"])
        release.released = len(sent)
        release.save(update_fields=["released"])
    for invitation, email in sent:
        _invitation_email(invitation, email=email, sender=None)
    return len(sent)
