"""Forms for the queue and for giving codes: they check what was typed; ``services`` writes."""

from __future__ import annotations

from django import forms

from scriptorium.core.forms import HoneypotMixin


class InvitationRequestForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label="Email",
        help_text="Where the invitation will be sent. Used for nothing else.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class QueueStatusForm(forms.Form):
    email = forms.EmailField(label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class InvitationSendForm(forms.Form):
    invitation = forms.IntegerField(widget=forms.HiddenInput)
    email = forms.EmailField(label="Send to", widget=forms.EmailInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
