"""What the sign-up page (in ``accounts``, a lower app) takes from policies: the "I accept the terms" box and
the account creation that records it. Named in the layers contract (pyproject.toml), so this stays the one way
accounts reaches up here.

Why not an ``accounts`` event heard here: the acceptance must be written with the account, in its transaction
(a receiver only enqueues a task, so the new account would meet the accept page before the task ran), and the
box must name the version shown, which only this app knows.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from scriptorium.policies.models import PolicyKind, PolicyVersion
from scriptorium.policies.selectors import policy_current
from scriptorium.policies.services import TERMS_CHANGED, account_sign_up

FIELD_NAME = "accept_terms"

__all__ = ["FIELD_NAME", "account_sign_up", "signup_fields"]


class _TermsCheckbox(forms.CheckboxInput):
    """A checkbox whose value is the version number shown, so a change of terms meanwhile is noticed."""

    def __init__(self, number: int) -> None:
        self.number = str(number)
        super().__init__(check_test=lambda value: value == self.number)

    def format_value(self, value: object) -> str:
        return self.number

    def value_from_datadict(self, data: object, files: object, name: str) -> str:
        return data.get(name, "")


class TermsAcceptanceField(forms.Field):
    """Ticked: the version shown (cleaned to the PolicyVersion); unticked or stale: a clear error."""

    def __init__(self, version: PolicyVersion) -> None:
        self.version = version
        label = format_html(
            'I have read and accept the <a href="{}">Terms of Service</a> (version {}, {}).',
            reverse("policies:page", kwargs={"slug": PolicyKind.TERMS}),
            version.number,
            f"{version.published_at:%-d %B %Y}",
        )
        super().__init__(label=label, required=False, widget=_TermsCheckbox(version.number))

    def clean(self, value: object) -> PolicyVersion:
        if not value:
            raise ValidationError("Please accept the Terms of Service to create an account.", code="required")
        if value != str(self.version.number):
            raise ValidationError(TERMS_CHANGED, code="changed")
        return self.version


def signup_fields() -> dict[str, forms.Field]:
    """The fields the sign-up form adds: the terms box when terms are published, else none."""
    current = policy_current(PolicyKind.TERMS)
    return {FIELD_NAME: TermsAcceptanceField(current)} if current is not None else {}
