"""allauth.mfa's code forms with the archive's labels (``MFA_FORMS``): no colon, no placeholder, a one-time-code
keyboard and autofill on phones."""

from __future__ import annotations

from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm


def _code_field(form: object, label: str) -> None:
    form.label_suffix = ""
    field = form.fields["code"]
    field.label = label
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs.update(autocomplete="one-time-code", inputmode="numeric", autocapitalize="none")


class ActivateTOTPForm(AllauthActivateTOTPForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self, "Code from your app")


class AuthenticateForm(AllauthAuthenticateForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self, "Code from your app, or a recovery code")
        self.fields["code"].widget.attrs.pop("inputmode", None)  # recovery codes are typed too


class ReauthenticateForm(AllauthReauthenticateForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self, "Code from your app")
