"""What a writer hands the services: plain data, checked before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from scriptorium.tags.vocabulary import (
    CATEGORIES,
    CHAPTER_TEXT_MAX,
    CHOSE_NOT_TO_WARN,
    NO_WARNINGS_APPLY,
    NOT_RATED,
    NOTES_MAX,
    RATINGS,
    SUBSTANTIVE_WARNINGS,
    SUMMARY_MAX,
    TAGS_PER_WORK_MAX,
    TITLE_MAX,
    WARNINGS,
)
from scriptorium.works.languages import LANGUAGES


@dataclass(frozen=True)
class ChapterInput:
    """One chapter as typed (HTML or plain text with blank lines between paragraphs)."""

    text: str
    title: str = ""
    summary: str = ""
    notes: str = ""
    end_notes: str = ""

    def validate(self, *, label: str = "Chapter") -> None:
        errors: dict[str, list[str]] = {}
        if not self.text or not self.text.strip():
            errors.setdefault("text", []).append(f"{label} has no text.")
        elif len(self.text) > CHAPTER_TEXT_MAX:
            errors.setdefault("text", []).append(
                f"{label} is {len(self.text):,} characters long; the limit is {CHAPTER_TEXT_MAX:,}."
            )
        if len(self.title) > TITLE_MAX:
            errors.setdefault("title", []).append(f"{label} title is longer than {TITLE_MAX} characters.")
        if len(self.summary) > SUMMARY_MAX:
            errors.setdefault("summary", []).append(f"{label} summary is longer than {SUMMARY_MAX:,} characters.")
        for name in ("notes", "end_notes"):
            if len(getattr(self, name)) > NOTES_MAX:
                errors.setdefault(name, []).append(f"{label} notes are longer than {NOTES_MAX:,} characters.")
        if errors:
            raise ValidationError(errors)


#: What the posting form requires that a work may lack and still be kept as a draft (``WorkInput.posting_gaps``).
POSTING_REQUIRED_FIELDS = ("title", "fandoms")


@dataclass(frozen=True)
class WorkInput:
    """A work's metadata (everything but its chapters and creators)."""

    title: str
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    language: str = "en"
    rating: str = NOT_RATED
    warnings: tuple[str, ...] = (CHOSE_NOT_TO_WARN,)
    categories: tuple[str, ...] = ()
    fandoms: tuple[str, ...] = ()
    relationships: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    additional_tags: tuple[str, ...] = ()
    restricted: bool = False
    expected_chapters: int | None = None
    series_title: str = ""
    series_position: int | None = None
    #: A work skin (``scriptorium.skins``) the writer may use: their own or a public one (checked by the service).
    skin_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def posting_gaps(self) -> dict[str, str]:
        """What the posting form requires that this work lacks (field → what to fill in): a work with gaps may be
        kept as a draft, never posted. Empty when it can be posted."""
        gaps: dict[str, str] = {}
        if not self.title.strip():
            gaps["title"] = "Give the work a title."
        if not any(name.strip() for name in self.fandoms):
            gaps["fandoms"] = "Add at least one fandom (use “Original Work” for original fiction)."
        return gaps

    def validate(self) -> None:
        errors: dict[str, list[str]] = {}

        def add(name: str, message: str) -> None:
            errors.setdefault(name, []).append(message)

        if not self.title.strip():
            add("title", "A work needs a title.")
        elif len(self.title) > TITLE_MAX:
            add("title", f"The title is longer than {TITLE_MAX} characters.")
        if len(self.summary) > SUMMARY_MAX:
            add("summary", f"The summary is {len(self.summary):,} characters; the limit is {SUMMARY_MAX:,}.")
        for name in ("notes", "end_notes"):
            if len(getattr(self, name)) > NOTES_MAX:
                add(name, f"The notes are {len(getattr(self, name)):,} characters; the limit is {NOTES_MAX:,}.")
        if self.language not in LANGUAGES:
            add("language", f"Unknown language “{self.language}”.")
        if self.rating not in RATINGS:
            add("rating", f"Unknown rating “{self.rating}”.")
        if not self.warnings:
            add("warnings", "Choose at least one archive warning.")
        for warning in self.warnings:
            if warning not in WARNINGS:
                add("warnings", f"Unknown archive warning “{warning}”.")
        if NO_WARNINGS_APPLY in self.warnings and SUBSTANTIVE_WARNINGS.intersection(self.warnings):
            add("warnings", "“No Archive Warnings Apply” cannot be combined with other warnings.")
        for category in self.categories:
            if category not in CATEGORIES:
                add("categories", f"Unknown category “{category}”.")
        free = len(self.fandoms) + len(self.relationships) + len(self.characters) + len(self.additional_tags)
        if free > TAGS_PER_WORK_MAX:
            add("additional_tags", f"A work can have {TAGS_PER_WORK_MAX} tags at most; this one has {free}.")
        if self.expected_chapters is not None and self.expected_chapters < 1:
            add("expected_chapters", "The expected number of chapters must be at least 1.")
        if self.series_position is not None and self.series_position < 1:
            add("series_position", "The position in the series must be at least 1.")
        if len(self.series_title) > TITLE_MAX:
            add("series_title", f"The series title is longer than {TITLE_MAX} characters.")
        if errors:
            raise ValidationError(errors)
