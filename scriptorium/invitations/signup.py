"""What the sign-up page (in ``accounts``, the app above) asks of invitations: whether sign-up is open, the
invitation-code field when a code is needed, and redeeming the code in the transaction creating the account."""

from __future__ import annotations

from django import forms

from scriptorium.invitations.selectors import code_required, invitation_check, signup_mode
from scriptorium.invitations.services import invitation_redeem

FIELD_NAME = "invitation"

__all__ = ["FIELD_NAME", "code_required", "invitation_redeem", "signup_fields", "signup_mode"]


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
