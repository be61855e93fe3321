"""allauth's log-in and sign-up forms with the archive's labels and help (``ACCOUNT_FORMS``). The sign-up form
extends ``forms.SignupExtraForm`` (the honeypot and the terms box) through ``ACCOUNT_SIGNUP_FORM_CLASS``."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.utils import filter_users_by_email
from django.db import transaction

from scriptorium.invitations import signup as invitation_signup


class SignupForm(AllauthSignupForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        fields = self.fields
        fields["username"].label = "Username"
        fields["username"].help_text = (
            "Your login and the address of your page. 3 to 40 letters, digits or underscores. "
            "Your first pseud (the name on your works) takes this name; you can add others later."
        )
        fields["username"].widget.attrs.update(autocapitalize="none", autofocus=True)
        fields["username"].widget.attrs.pop("placeholder", None)
        fields["email"].label = "Email"
        fields["email"].help_text = "Never shown to anyone."
        fields["email"].widget.attrs.pop("placeholder", None)
        if "password2" in fields:
            fields["password2"].label = "Password again"
            fields["password2"].help_text = "The same password, to be sure it is typed right."
        for name in ("password1", "password2"):
            if name in fields:
                fields[name].widget.attrs.pop("placeholder", None)
        # The invitation code first, the terms box last, after the passwords (the honeypot is drawn apart).
        code = [invitation_signup.FIELD_NAME] if invitation_signup.FIELD_NAME in fields else []
        order = code + [name for name in fields if name not in ("accept_terms", *code)]
        self.order_fields(order + (["accept_terms"] if "accept_terms" in fields else []))

    def save(self, request: object) -> object:
        """The account (with its pseud, acceptance and address) and the invitation code it used, in one
        transaction: a code another sign-up took meanwhile refuses this one and leaves no account behind."""
        code = self.cleaned_data.get(invitation_signup.FIELD_NAME)
        with transaction.atomic():
            user = super().save(request)
            if code:
                invitation_signup.invitation_redeem(code=code, user=user)
        return user


class LoginForm(AllauthLoginForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        login = self.fields["login"]
        login.label = "Username or email"
        login.widget.attrs.update(autocomplete="username", autocapitalize="none")
        login.widget.attrs.pop("placeholder", None)
        password = self.fields["password"]
        password.help_text = ""  # the page links to "Forgot your password?" itself
        password.widget.attrs.pop("placeholder", None)
        password.widget.attrs.pop("aria-describedby", None)
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me logged in on this device"


class AddEmailForm(AllauthAddEmailForm):
    """Changing one's address: an address another account uses is refused with a clear error (the person is
    logged in and rate-limited, and the issue asks for it), where sign-up and reset stay silent."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["email"].label = "New email address"
        self.fields["email"].widget.attrs.pop("placeholder", None)

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].lower()
        if any(user.pk != self.user.pk for user in filter_users_by_email(value)):
            raise get_adapter().validation_error("email_taken")
        return super().clean_email()


def _relabel(form: object, labels: dict[str, str]) -> None:
    """The archive's labels, no colon after them, no placeholders (the labels say it)."""
    form.label_suffix = ""
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


class ChangePasswordForm(AllauthChangePasswordForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _relabel(
            self, {"oldpassword": "Current password", "password1": "New password", "password2": "New password again"}
        )
        self.fields["oldpassword"].help_text = ""


class ResetPasswordForm(AllauthResetPasswordForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": "Email"})


class ResetPasswordKeyForm(AllauthResetPasswordKeyForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": "New password", "password2": "New password again"})
