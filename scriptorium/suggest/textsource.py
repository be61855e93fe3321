"""The text the suggester reads: a work, a parsed file or plain text, as parts with character offsets.

Part 0 holds what describes the story (summary, notes and any labels the file carried); parts 1… are the
chapters, as plain text. Offsets in evidence count characters in a part's ``text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from scriptorium.core.text import html_to_text
from scriptorium.transfer.parsed import ParsedWork

#: Characters read per work. Longer texts are cut (the suggestions say so), so time and memory stay bounded.
MAX_CHARS = 1_500_000
#: Lines at the top of a chapter that look like a dump's labels ("Summary: …", "Pairing: …").
_LABEL_LINE = re.compile(
    r"^\s*(summary|pairings?|ships?|relationships?|characters?|fandoms?|notes?|warnings?|rating|genres?|tags?"
    r"|category|author'?s? notes?|a/n)\s*:",
    re.IGNORECASE,
)
_RULE_LINE = re.compile(r"^\s*([-*_=~]\s*){3,}$")
HEADER_SCAN = 2500


@dataclass
class Part:
    index: int
    text: str
    #: Characters [0, header_end) of a chapter are dump labels rather than story.
    header_end: int = 0

    @cached_property
    def lower(self) -> str:
        """The text in lower case with the same offsets (characters whose lower case is longer stay as they
        are), for the lexicons."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)


@dataclass
class Document:
    parts: list[Part] = field(default_factory=list)
    #: Metadata a file already carried (names as the file spelled them).
    given: dict[str, list[str]] = field(default_factory=dict)
    given_rating: str | None = None
    truncated: bool = False

    @property
    def chapters(self) -> list[Part]:
        return [p for p in self.parts if p.index > 0]

    def header_texts(self) -> list[tuple[Part, int, int]]:
        """(part, start, end) spans that describe the story rather than tell it."""
        spans = [(p, 0, len(p.text)) for p in self.parts if p.index == 0 and p.text]
        spans += [(p, 0, p.header_end) for p in self.parts if p.index == 1 and p.header_end]
        return spans

    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.chapters)


def _header_end(text: str) -> int:
    """Where a dump's label block at the top of a chapter ends (0 when there is none)."""
    end = 0
    offset = 0
    for line in text[:HEADER_SCAN].split("\n"):
        offset += len(line) + 1
        if _LABEL_LINE.match(line) or _RULE_LINE.match(line):
            end = offset
        elif line.strip() and len(line) > 300:
            break
    return min(end, len(text))


def _build(meta_parts: list[str], chapters: list[str]) -> Document:
    document = Document()
    budget = MAX_CHARS
    head = "\n\n".join(p.strip() for p in meta_parts if p and p.strip())[:budget]
    budget -= len(head)
    document.parts.append(Part(0, head))
    for number, text in enumerate(chapters, start=1):
        if budget <= 0:
            document.truncated = True
            break
        if len(text) > budget:
            text = text[:budget]
            document.truncated = True
        budget -= len(text)
        document.parts.append(Part(number, text, _header_end(text) if number == 1 else 0))
    return document


def document_from_text(text: str, *, summary: str = "") -> Document:
    """A single chapter of plain text."""
    return _build([summary], [text])


def document_from_parsed(parsed: ParsedWork) -> Document:
    chapters = [c.html and html_to_text(c.html) or "\n\n".join(c.paragraphs) for c in parsed.chapters]
    given = {
        "fandoms": list(parsed.fandoms),
        "characters": list(parsed.characters),
        "relationships": list(parsed.relationships),
        "additional_tags": list(parsed.additional_tags),
    }
    labels = [", ".join(values) for values in given.values() if values]
    meta = [parsed.summary, parsed.notes, *labels, parsed.end_notes]
    meta += [c.summary for c in parsed.chapters[:1]]
    document = _build(meta, chapters)
    document.given = given
    document.given_rating = parsed.rating
    return document


def document_from_work(work: object) -> Document:
    """A work of the archive: its summary and notes, then each chapter's text."""
    chapters = list(work.chapters.order_by("position", "id"))
    meta = [html_to_text(work.summary), html_to_text(work.notes), html_to_text(work.end_notes)]
    meta += [html_to_text(c.summary) + "\n\n" + html_to_text(c.notes) for c in chapters[:1]]
    return _build(meta, [html_to_text(c.text) for c in chapters])
