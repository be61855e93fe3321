"""Account forms: they check what was typed; ``scriptorium.accounts.services`` does the writing."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import PSEUD_MAX
from scriptorium.core.forms import HoneypotMixin


class _Form(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignupForm(HoneypotMixin, _Form):
    username = forms.CharField(
        label="Username",
        max_length=PSEUD_MAX,
        validators=[User.username_validator],
        help_text="Your login and the address of your page. Letters, digits and @ . + - _ only. "
        "Your first pseud (the name on your works) takes this name; you can add others later.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}),
    )
    email = forms.EmailField(
        label="Email",
        help_text="Never shown to anyone.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        help_text="The same password, to be sure it is typed right.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: object, extra_fields: dict[str, forms.Field] | None = None, **kwargs: object) -> None:
        """``extra_fields``: fields a higher app adds (the terms box from ``policies.signup``), after the others."""
        super().__init__(*args, **kwargs)
        self.fields.update(extra_fields or {})

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(f"The username “{username}” is taken.")
        return username

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError("There is already an account with this email address. Try logging in.")
        return email

    def clean(self) -> dict[str, object]:
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords are different.")
        elif password1:
            candidate = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password1, user=candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class LoginForm(AuthenticationForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocapitalize="none")


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
