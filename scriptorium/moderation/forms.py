"""The report form and the moderators' forms. Each builds the input a service takes; the service checks it."""

from __future__ import annotations

from django import forms

from scriptorium.moderation.inputs import ReportInput
from scriptorium.moderation.models import Category
from scriptorium.moderation.models.action import APPEAL_MAX, NOTE_MAX
from scriptorium.moderation.models.report import DESCRIPTION_MAX, LINK_MAX
from scriptorium.moderation.services import REASON_MAX, SUSPENSION_DAYS_MAX


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label="What kind of problem is it?",
        choices=[("", "Choose one")] + list(Category.choices),
        error_messages={
            "required": "Choose what kind of problem this is.",
            "invalid_choice": "That is not one of the report categories.",
        },
    )
    description = forms.CharField(
        label="What is wrong?",
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the moderators should look at, and where. Plain text.",
    )
    link = forms.CharField(
        label="Link",
        max_length=LINK_MAX,
        required=False,
        help_text="Where it is; change it to point at the exact place (a chapter, a comment).",
    )
    email = forms.EmailField(
        label="Your email address",
        required=False,
        help_text="Only the moderators see it; they may write to you about this report.",
    )
    wants_outcome = forms.BooleanField(label="Tell me the outcome", required=False)

    def __init__(self, *args: object, guest: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.guest = guest
        if guest:
            self.fields["email"].required = True
            self.fields["email"].error_messages["required"] = "Give an email address, so the moderators can reach you."
            self.fields["wants_outcome"].label = "Email me the outcome"
        else:
            del self.fields["email"]
            self.fields["wants_outcome"].label = "Tell me the outcome in my inbox"

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            category=data.get("category", ""),
            description=data.get("description", ""),
            link=data.get("link", ""),
            email=data.get("email", "") or "",
            wants_outcome=bool(data.get("wants_outcome")),
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason", max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why: the audit log keeps it, and the people concerned are told."},
    )  # fmt: skip


class ActionForm(ReasonForm):
    action = forms.CharField()
    days = forms.IntegerField(required=False, min_value=1, max_value=SUSPENSION_DAYS_MAX)


class NoteForm(forms.Form):
    text = forms.CharField(label="Internal note", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    state = forms.ChoiceField(choices=[("resolved", "Resolved"), ("dismissed", "Dismissed")])
    outcome = forms.CharField(
        label="Outcome (reporters who asked are told)", max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label="Your answer",
        max_length=APPEAL_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="You can answer once. The moderators read it with the case.",
    )
