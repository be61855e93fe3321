"""Forms for comments, a work's comment settings, bookmarks, and blocking or muting by username; the checks
themselves live in ``inputs`` and the services."""

from __future__ import annotations

from django import forms

from scriptorium.core.forms import HONEYPOT_NAME, HoneypotMixin
from scriptorium.interactions.inputs import BookmarkInput, CommentInput, ExternalInput
from scriptorium.interactions.models.bookmark import BOOKMARK_NOTES_MAX
from scriptorium.interactions.models.comment import COMMENT_MAX, GUEST_NAME_MAX
from scriptorium.works.models.work import CommentPermission

COMMENT_HELP = (
    f"Plain text, or simple HTML (p, em, strong, a, blockquote…); up to {COMMENT_MAX:,} characters. "
    "Scripts and styles are removed."
)


def _text_field() -> forms.CharField:
    # No maxlength attribute: a browser would cut a pasted comment short without a word; the service says why.
    return forms.CharField(
        label="Comment",
        required=False,
        strip=False,
        help_text=COMMENT_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CommentForm(HoneypotMixin, forms.Form):
    """A new comment or reply. Guests also give a name and an email address (never shown), and their form has
    the honeypot field (``core.forms.HoneypotMixin``)."""

    text = _text_field()
    guest_name = forms.CharField(label="Name", required=False, max_length=GUEST_NAME_MAX)
    guest_email = forms.EmailField(
        label="Email",
        required=False,
        help_text="Never shown to anyone. Required for guests.",
        error_messages={"invalid": "That doesn’t look like an email address: please check it."},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, guest: bool, prefix_id: str = "", **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        if prefix_id:
            kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.guest = guest
        if not guest:
            del self.fields["guest_name"]
            del self.fields["guest_email"]
            del self.fields[HONEYPOT_NAME]
        else:
            self.fields["guest_name"].widget.attrs["autocomplete"] = "name"
            self.fields["guest_email"].widget.attrs["autocomplete"] = "email"

    def comment_input(self) -> CommentInput:
        data = self.cleaned_data
        return CommentInput(
            text=data.get("text", ""),
            guest_name=data.get("guest_name", "") or "",
            guest_email=data.get("guest_email", "") or "",
        )


class CommentEditForm(forms.Form):
    text = _text_field()

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class CommentSettingsForm(forms.Form):
    comment_permission = forms.ChoiceField(
        label="Who can comment", choices=CommentPermission.choices, widget=forms.RadioSelect
    )
    moderate_comments = forms.BooleanField(
        label="Hold new comments until I approve them",
        required=False,
        help_text="Your own comments and replies are never held.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class BookmarkForm(forms.Form):
    """The bookmarker's part of a bookmark; the checks themselves live in ``inputs.BookmarkInput``."""

    notes = forms.CharField(
        label="Notes",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Optional. Plain text or simple HTML; up to {BOOKMARK_NOTES_MAX:,} characters.",
    )
    tags = forms.CharField(
        label="Your tags",
        required=False,
        help_text="Optional, separated by commas. They are your own labels: only on this bookmark.",
    )
    rec = forms.BooleanField(label="Recommend it (rec)", required=False)
    private = forms.BooleanField(
        label="Private bookmark",
        required=False,
        help_text="Only you will see it, and it does not count in the work’s bookmarks.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def bookmark_input(self) -> BookmarkInput:
        data = self.cleaned_data
        return BookmarkInput(
            notes=data.get("notes") or "",
            tags=data.get("tags") or "",
            rec=bool(data.get("rec")),
            private=bool(data.get("private")),
        )


class ExternalWorkForm(BookmarkForm):
    """A bookmark of a story published elsewhere: its description first, then the bookmarker's part."""

    url = forms.CharField(label="Address (URL)", required=False, help_text="Starting with https:// or http://.")
    title = forms.CharField(label="Title", required=False)
    creator = forms.CharField(label="Creator", required=False)
    summary = forms.CharField(
        label="Summary", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Optional."
    )
    field_order = ["url", "title", "creator", "summary", "notes", "tags", "rec", "private"]

    def external_input(self) -> ExternalInput:
        data = self.cleaned_data
        return ExternalInput(
            url=data.get("url") or "",
            title=data.get("title") or "",
            creator=data.get("creator") or "",
            summary=data.get("summary") or "",
        )


class UsernameForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150)

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
