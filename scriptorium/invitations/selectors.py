"""Reads for invitations: the sign-up mode, a code's state, an account's codes, a place in the queue."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404

from scriptorium.invitations.models import Invitation, InvitationRequest

MODES = ("open", "invite", "queue", "closed")
CODE_MISSING = "Sign-up on this archive needs an invitation code."
CODE_UNKNOWN = "This invitation code is not right. Check it against the one you were sent."
CODE_USED = "This invitation code has already been used."
CODE_EXPIRED = "This invitation code has expired."


def signup_mode() -> str:
    """``open``, ``invite``, ``queue`` or ``closed``. ``SCRIPTORIUM_OPEN_SIGNUP=off`` (the older setting) closes
    sign-up whatever the mode says; an unknown mode counts as ``closed`` (the safe side)."""
    if not getattr(settings, "SCRIPTORIUM_OPEN_SIGNUP", True):
        return "closed"
    mode = str(getattr(settings, "SCRIPTORIUM_SIGNUP_MODE", "open")).strip().lower()
    return mode if mode in MODES else "closed"


def code_required() -> bool:
    return signup_mode() in ("invite", "queue")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def invitation_check(code: str) -> Invitation:
    """The invitation with this code if it can be used; else a ValidationError saying why (code ``missing``,
    ``unknown``, ``used`` or ``expired``)."""
    code = (code or "").strip()
    if not code:
        raise ValidationError(CODE_MISSING, code="missing")
    invitation = Invitation.objects.filter(code=code).first()
    if invitation is None:
        raise ValidationError(CODE_UNKNOWN, code="unknown")
    if invitation.redeemed_at is not None:
        raise ValidationError(CODE_USED, code="used")
    if invitation.is_expired:
        raise ValidationError(CODE_EXPIRED, code="expired")
    return invitation


def invitation_by_code_or_404(code: str) -> Invitation:
    invitation = Invitation.objects.filter(code=code).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def invitations_of(user: object) -> list[Invitation]:
    """An account's codes: unused ones first, then used ones (with who used them)."""
    return list(Invitation.objects.given_by(user).select_related("redeemed_by").order_by("redeemed_at", "-id"))


def queue_place(email: str) -> int | None:
    """1 for the oldest waiting request; None when the address is not waiting in the queue."""
    request = InvitationRequest.objects.waiting().filter(email=normalise_email(email)).first()
    if request is None:
        return None
    return (
        InvitationRequest.objects.waiting()
        .filter(created_at__lte=request.created_at)
        .exclude(created_at=request.created_at, id__gt=request.id)
        .count()
    )


def queue_length() -> int:
    return InvitationRequest.objects.waiting().count()


def per_day() -> int:
    return max(0, int(getattr(settings, "SCRIPTORIUM_INVITE_QUEUE_PER_DAY", 10)))
