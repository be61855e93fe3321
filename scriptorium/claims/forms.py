"""The claim page's answer and the archivist's "send claim invitations" form."""

from __future__ import annotations

from django import forms

ANSWERS = (
    ("accept", "These are mine: add them to my account"),
    ("remove", "Please take them down"),
    ("decline", "These are not mine"),
)


class ClaimAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=ANSWERS)
    pseud = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Credit them to")

    def __init__(self, *args: object, pseuds: list | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pseud"].choices = [(p.pk, p.name) for p in pseuds or []]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("answer") == "accept" and self.fields["pseud"].choices and not data.get("pseud"):
            self.add_error("pseud", "Choose the pseud to credit them to.")
        return data


class SendForm(forms.Form):
    creators = forms.TypedMultipleChoiceField(coerce=int, required=False, label="Creators")
    every = forms.BooleanField(required=False)

    def __init__(self, *args: object, creator_ids: list[int] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["creators"].choices = [(i, str(i)) for i in creator_ids or []]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("creators") and not data.get("every"):
            raise forms.ValidationError("Select the creators to invite first.")
        return data
