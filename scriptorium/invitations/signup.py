"""What the sign-up page (in ``accounts``, the app above) asks of invitations: whether sign-up is open, the
invitation-code field when a code is needed, and redeeming the code in the transaction creating the account.

A *sign-up pass* stands in for a code: an app above (``claims``: a claim link counts as an invitation) grants one
to the browser's session after checking its own secret, and registers at start-up how to tell whether the pass is
still good (the claim still waits for its answer)::

    signup_pass_register("claim", fn)                     # fn(value) -> bool, in AppConfig.ready
    signup_pass_grant(request, kind="claim", value="42")  # after the link was checked
    signup_pass_valid(request)                            # asked by the sign-up page while a code is required
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.http import HttpRequest

from scriptorium.invitations.selectors import code_required, invitation_check, signup_mode
from scriptorium.invitations.services import invitation_redeem

FIELD_NAME = "invitation"

__all__ = [
    "FIELD_NAME",
    "code_required",
    "invitation_redeem",
    "signup_fields",
    "signup_mode",
    "signup_pass_clear",
    "signup_pass_grant",
    "signup_pass_register",
    "signup_pass_valid",
]

PASS_SESSION_KEY = "scriptorium_signup_pass"  # noqa: S105 (a session key, no secret)
PassCheck = Callable[[str], bool]
_pass_checks: dict[str, PassCheck] = {}


class InvitationCodeField(forms.CharField):
    """The code, checked (unknown, used, expired: a clear error); cleaned to the code itself."""

    def __init__(self) -> None:
        super().__init__(
            label="Invitation code",
            max_length=40,
            required=False,
            help_text="The code from your invitation email.",
        )
        self.widget.attrs.update(autocapitalize="none", autocomplete="off", spellcheck="false")

    def clean(self, value: object) -> str:
        code = super().clean(value).strip()
        return invitation_check(code).code


def signup_fields() -> dict[str, forms.Field]:
    """The invitation-code field while sign-up asks for one, else none."""
    return {FIELD_NAME: InvitationCodeField()} if code_required() else {}


def signup_pass_register(kind: str, check: PassCheck) -> None:
    """How to tell whether a pass of this kind is still good (registering again replaces the check)."""
    _pass_checks[kind] = check


def signup_pass_grant(request: HttpRequest, *, kind: str, value: str) -> None:
    """Let this browser sign up without a code while the pass is good (the caller checked its secret)."""
    if kind not in _pass_checks:
        raise ValueError(f"No sign-up pass of the kind {kind!r} is registered.")
    request.session[PASS_SESSION_KEY] = [kind, value]


def signup_pass_valid(request: HttpRequest) -> bool:
    """Whether the session holds a pass whose check still says yes (a pass of an unknown kind never does)."""
    held = request.session.get(PASS_SESSION_KEY) if hasattr(request, "session") else None
    if not isinstance(held, list) or len(held) != 2:
        return False
    check = _pass_checks.get(held[0])
    return bool(check and check(str(held[1])))


def signup_pass_clear(request: HttpRequest) -> None:
    """The pass is spent (one account per pass)."""
    if hasattr(request, "session"):
        request.session.pop(PASS_SESSION_KEY, None)
