"""The policy editor and the accept box; ``policies.services`` checks and writes."""

from __future__ import annotations

from django import forms

from scriptorium.policies.models import PolicyKind, TextFormat
from scriptorium.policies.models.version import NOTE_MAX


class PolicyForm(forms.Form):
    body = forms.CharField(
        label="Text",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 22}),
        help_text="Markdown: a blank line between paragraphs, ## for a heading, - for a list item, "
        "[words](https://…) for a link. Or choose HTML below. Scripts and styles are removed.",
    )
    text_format = forms.ChoiceField(
        label="Format", choices=TextFormat.choices, initial=TextFormat.MARKDOWN, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="What changed",
        required=False,
        max_length=NOTE_MAX,
        help_text="A line for the list of versions, such as “Clearer rules on fan art”. Optional.",
    )
    requires_acceptance = forms.BooleanField(
        label="Every account must accept this version",
        required=False,
        help_text="Accounts are asked to accept it at their next visit. Leave it unticked for corrections "
        "that change no rule.",
    )

    def __init__(self, *args: object, kind: str, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if kind != PolicyKind.TERMS:
            del self.fields["requires_acceptance"]


class AcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.BooleanField(
        label="I have read and accept these Terms of Service",
        error_messages={"required": "Please tick the box to accept the terms, or log out."},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
