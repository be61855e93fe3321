"""Account forms: they check what was typed; ``scriptorium.accounts.services`` does the writing."""

from __future__ import annotations

from django import forms

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import PSEUD_MAX
from scriptorium.core.forms import HoneypotMixin
from scriptorium.invitations import signup as invitation_signup
from scriptorium.policies import signup as policy_signup


class _Form(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignupExtraForm(HoneypotMixin, forms.Form):
    """What the archive adds to allauth's sign-up form (``ACCOUNT_SIGNUP_FORM_CLASS``, its base class): the
    honeypot, the invitation code while sign-up asks for one (from ``invitations.signup``) and, when terms are
    published, the box accepting them (from ``policies.signup``). The account and the acceptance are written
    together by ``accounts.adapter.AccountAdapter.save_user``; the code is redeemed in the same transaction by
    ``allauth_forms.SignupForm.save``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields.update(invitation_signup.signup_fields())  # the invitation code, when one is needed
        self.fields.update(policy_signup.signup_fields())

    def signup(self, request: object, user: User) -> None:
        """Nothing more to write: the adapter wrote the acceptance with the account."""


class PreferencesForm(_Form):
    view_adult = forms.BooleanField(
        label="Show adult content without asking",
        required=False,
        help_text="Works rated Mature, Explicit or Not Rated open straight away, without the adult-content notice.",
    )


class PseudForm(_Form):
    required_css_class = "required"

    name = forms.CharField(
        label="Name",
        max_length=PSEUD_MAX,
        help_text="The name shown on your works. It cannot contain / , < > \\ ? # or %.",
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=Pseud._meta.get_field("description").max_length,
        help_text="A few words shown on this pseud’s page (plain text).",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class UsernameChangeForm(_Form):
    """A new username (allauth's rules: characters, length) and the current password; ``services.user_rename``
    checks the rest (free, not reserved, not changed lately)."""

    username = forms.CharField(
        label="New username",
        max_length=PSEUD_MAX,
        help_text="3 to 40 letters, digits or underscores. Your page moves to the new name; the old address leads "
        "there for a while.",
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_username(self) -> str:
        from allauth.account.adapter import get_adapter

        return get_adapter().clean_username(self.cleaned_data["username"], shallow=True)
