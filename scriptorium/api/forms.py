from __future__ import annotations

from django import forms

from scriptorium.api.models import TokenScope
from scriptorium.api.services import TOKEN_NAME_MAX


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=TOKEN_NAME_MAX, help_text="What will use it, so you can tell your tokens apart."
    )
    scope = forms.ChoiceField(
        label="What it may do", choices=TokenScope.choices, initial=TokenScope.READ, widget=forms.RadioSelect
    )
