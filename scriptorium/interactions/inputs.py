"""What a comment service takes, with the checks the web form and any other caller share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from scriptorium.core.sanitize import sanitize_html
from scriptorium.core.text import html_to_text, looks_like_html, user_text_to_html
from scriptorium.interactions.models.comment import COMMENT_MAX, GUEST_NAME_MAX

#: Anything tag-like ("<script>", "</div>", "<!--"): the comment is treated as HTML, so such tags are removed
#: rather than shown as text. "a < b" and "<3" stay plain text.
_TAG_LIKE = re.compile(r"<[a-zA-Z!/]")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n+")


def _to_html(typed: str) -> str:
    if looks_like_html(typed) or not _TAG_LIKE.search(typed):
        return user_text_to_html(typed)
    # Tags the archive does not keep (a script, say): clean it as HTML, keeping the paragraphs typed.
    if "<p" not in typed.lower():
        parts = _BLANK_LINES.split(typed)
        typed = "\n".join("<p>" + part.strip().replace("\n", "<br />") + "</p>" for part in parts)
    return sanitize_html(typed)


def normalize_text(text: str) -> str:
    """Line breaks as one character each (browsers send CRLF), outer blank space removed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def comment_html(text: str) -> str:
    """Check a comment's text and return it as sanitized HTML (plain text or HTML, as for chapters)."""
    typed = normalize_text(text)
    if not typed:
        raise ValidationError({"text": ["Your comment is empty: write something before posting it."]}, code="empty")
    if len(typed) > COMMENT_MAX:
        raise ValidationError(
            {
                "text": [
                    f"Comments can be at most {COMMENT_MAX:,} characters long; yours has {len(typed):,}. "
                    "Please shorten it."
                ]
            },
            code="too_long",
        )
    html = _to_html(typed)
    if not html_to_text(html).strip() and "<img" not in html:
        raise ValidationError(
            {
                "text": [
                    "Nothing is left of your comment once unsafe HTML (such as scripts) is removed: "
                    "please write it as text."
                ]
            },
            code="empty",
        )
    return html


@dataclass(frozen=True)
class CommentInput:
    """A comment as typed; guests add a name and an email address (never shown)."""

    text: str
    guest_name: str = ""
    guest_email: str = ""

    def validate(self, *, guest: bool) -> str:
        """Raise every problem at once as a ValidationError keyed by field; return the text as stored HTML."""
        errors: dict[str, list[str]] = {}
        html = ""
        try:
            html = comment_html(self.text)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if guest:
            name = " ".join(self.guest_name.split())
            if not name:
                errors["guest_name"] = ["Please give a name to sign your comment with."]
            elif len(name) > GUEST_NAME_MAX:
                errors["guest_name"] = [f"Names can be at most {GUEST_NAME_MAX} characters long."]
            email = self.guest_email.strip()
            if not email:
                errors["guest_email"] = ["Please give your email address (it is never shown)."]
            else:
                try:
                    validate_email(email)
                except ValidationError:
                    errors["guest_email"] = ["That doesn’t look like an email address: please check it."]
        if errors:
            raise ValidationError(errors)
        return html
