"""Plain data produced by the import parsers, before anything touches the database.

Every parser (plain text, Markdown, HTML, EPUB, DOCX) returns a :class:`ParsedWork`. Fields the source does not
carry stay ``None`` or empty and come with a :class:`Problem`; parsers never invent values.
A file that cannot be imported at all raises :class:`ImportRejected`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

#: Problem severities: the value is absent, the value is present but questionable, or a plain note.
SEVERITIES: tuple[str, ...] = ("missing", "doubtful", "info")


@dataclass
class Problem:
    """Something the importer wants the person importing to look at."""

    field: str
    message: str
    severity: str = "missing"  # "missing" | "doubtful" | "info"


@dataclass
class ParsedChapter:
    """One chapter. ``paragraphs`` is plain text; ``html`` (sanitized HTML of the chapter body, from
    HTML-ish sources such as EPUB, DOCX or Markdown) wins over ``paragraphs`` when set."""

    title: str = ""
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    paragraphs: list[str] = field(default_factory=list)
    html: str = ""

    def has_text(self) -> bool:
        return bool(self.html.strip()) or any(p.strip() for p in self.paragraphs)


@dataclass
class ParsedWork:
    title: str | None = None
    creators: list[str] = field(default_factory=list)
    summary: str = ""
    notes: str = ""
    end_notes: str = ""
    rating: str | None = None  # one of vocabulary.RATINGS, or None when unknown
    warnings: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional_tags: list[str] = field(default_factory=list)
    language: str | None = None  # BCP 47 code like "en", or None when unknown
    complete: bool | None = None
    expected_chapters: int | None = None
    published: datetime.date | None = None
    updated: datetime.date | None = None
    series_title: str = ""
    series_position: int | None = None
    chapters: list[ParsedChapter] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    extras: dict[str, str] = field(default_factory=dict)  # unknown labels kept
    encoding: str = "utf-8"
    source_format: str = ""  # "inkitt-text", "fanficfare-txt", "plain-text", "epub", "ao3-html", "docx", ...

    def add_problem(self, field_name: str, message: str, severity: str = "missing") -> None:
        self.problems.append(Problem(field_name, message, severity))

    def has_problem(self, field_name: str) -> bool:
        return any(problem.field == field_name for problem in self.problems)


class ImportRejected(Exception):
    """A file we cannot import at all.

    ``message`` is a sentence to show the person importing; ``code`` is a stable slug
    ("empty", "binary", "too-large", "encoding", "no-prose", "corrupt", "unsafe", ...).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"ImportRejected(code={self.code!r}, message={self.message!r})"
