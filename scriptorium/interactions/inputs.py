"""What the comment and bookmark services take, with the checks the web form and any other caller share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from scriptorium.core.sanitize import sanitize_html
from scriptorium.core.text import html_to_text, looks_like_html, user_text_to_html
from scriptorium.interactions.models.bookmark import (
    BOOKMARK_NOTES_MAX,
    BOOKMARK_TAG_MAX,
    BOOKMARK_TAGS_MAX,
    EXTERNAL_CREATOR_MAX,
    EXTERNAL_SUMMARY_MAX,
    EXTERNAL_TITLE_MAX,
    EXTERNAL_URL_MAX,
)
from scriptorium.interactions.models.comment import COMMENT_MAX, GUEST_NAME_MAX
from scriptorium.tags.services import split_tag_input

#: Anything tag-like ("<script>", "</div>", "<!--"): the comment is treated as HTML, so such tags are removed
#: rather than shown as text. "a < b" and "<3" stay plain text.
_TAG_LIKE = re.compile(r"<[a-zA-Z!/]")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n+")
_url_check = URLValidator(schemes=["http", "https"])


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


@dataclass(frozen=True)
class BookmarkInput:
    """The bookmarker's part: notes (plain text or simple HTML), their own tags (comma-separated), flags."""

    notes: str = ""
    tags: str = ""
    rec: bool = False
    private: bool = False

    def validate(self) -> tuple[str, list[str]]:
        """Raise every problem at once (keyed by field); return the notes as stored HTML and the tag names."""
        errors: dict[str, list[str]] = {}
        notes = normalize_text(self.notes)
        html = ""
        if len(notes) > BOOKMARK_NOTES_MAX:
            errors["notes"] = [
                f"Bookmark notes can be at most {BOOKMARK_NOTES_MAX:,} characters long; yours have "
                f"{len(notes):,}. Please shorten them."
            ]
        elif notes:
            html = _to_html(notes)
            if not html_to_text(html).strip() and "<img" not in html:
                html = ""
        tags = split_tag_input(self.tags)
        too_long = [t for t in tags if len(t) > BOOKMARK_TAG_MAX]
        if too_long:
            errors["tags"] = [f"“{too_long[0][:40]}…” is too long for a tag ({BOOKMARK_TAG_MAX} characters at most)."]
        elif len(tags) > BOOKMARK_TAGS_MAX:
            errors["tags"] = [f"A bookmark can have at most {BOOKMARK_TAGS_MAX} tags; you gave {len(tags)}."]
        if errors:
            raise ValidationError(errors)
        return html, tags


@dataclass(frozen=True)
class ExternalInput:
    """A story elsewhere: its address (http or https only), title, creator and an optional summary."""

    url: str
    title: str
    creator: str
    summary: str = ""

    def validate(self) -> dict[str, str]:
        errors: dict[str, list[str]] = {}
        url = self.url.strip()
        if not url:
            errors["url"] = ["Please give the story’s address."]
        elif len(url) > EXTERNAL_URL_MAX:
            errors["url"] = [f"Addresses can be at most {EXTERNAL_URL_MAX:,} characters long."]
        else:
            try:
                _url_check(url)
            except ValidationError:
                errors["url"] = [
                    "Please give a web address starting with http:// or https:// (other kinds of links, "
                    "such as javascript:, are not allowed)."
                ]
        title = " ".join(self.title.split())
        if not title:
            errors["title"] = ["Please give the story’s title."]
        elif len(title) > EXTERNAL_TITLE_MAX:
            errors["title"] = [f"Titles can be at most {EXTERNAL_TITLE_MAX} characters long."]
        creator = " ".join(self.creator.split())
        if not creator:
            errors["creator"] = ["Please say who wrote it."]
        elif len(creator) > EXTERNAL_CREATOR_MAX:
            errors["creator"] = [f"Creator names can be at most {EXTERNAL_CREATOR_MAX} characters long."]
        summary = normalize_text(self.summary)
        if len(summary) > EXTERNAL_SUMMARY_MAX:
            errors["summary"] = [f"Summaries can be at most {EXTERNAL_SUMMARY_MAX:,} characters long."]
        if errors:
            raise ValidationError(errors)
        return {"url": url, "title": title, "creator": creator, "summary": sanitize_html(_to_html(summary))}
