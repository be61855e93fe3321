"""A metadata header written as lines at the top of a document (Markdown, Word): what tools and writers put
above the story when there is no front matter::

    # The Orchard Ledger                  (Markdown; a Title-style paragraph in Word)
    by Pim Hollis                         optional
    **Rating:** Teen And Up Audiences     "Label: value" lines, the label bold or not
    **Fandom:** Original Work
    **Summary:**                          a label alone: its value is the paragraph that follows
    An orchard keeps two sets of books.
    ---                                   optional rule closing the header

The lines are read only when at least :data:`LABELS_NEEDED` known labels open them (or one bold one), so a story
whose first line is "Note: the kettle." stays a story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scriptorium.transfer.formats.epub_pages import TITLE_PAGE_LABELS

#: Labels of a header; those of title pages plus the notes.
LABELS = TITLE_PAGE_LABELS | {"title", "notes", "author's note", "author's notes", "end notes", "beta", "beta reader"}
LABELS_NEEDED = 2
_LABEL = re.compile(
    r"^\s*(?P<bold>\*\*|__)?(?P<label>[A-Za-z][A-Za-z /'\u2019-]{0,38}?)\s*(?P<close>\*\*|__)?\s*:\s*"
    r"(?(bold)(?P<after>\*\*|__)?)\s*(?P<value>.*?)\s*$"
)
_BY = re.compile(r"^\s*(?:\*|_)?(?:by|written by)\s+(?P<name>[^*_].{0,80}?)(?:\*|_)?\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|(?:\*\s*){3,}|(?:-\s*){3,})\s*$")
_HEADING = re.compile(r"^\s*#\s+(?P<title>\S.*?)\s*#*\s*$")


@dataclass
class Header:
    """What the header said, and the index of the first line after it."""

    title: str = ""
    creators: str = ""
    entries: list[tuple[str, str]] = field(default_factory=list)
    end: int = 0


def byline(line: str) -> str:
    """The name in a "by Pim Hollis" line; empty for any other line."""
    match = _BY.match(line)
    return match.group("name").strip() if match else ""


def _label(line: str) -> tuple[str, str, bool] | None:
    match = _LABEL.match(line)
    if match is None:
        return None
    label = " ".join(match.group("label").replace("\u2019", "'").split())
    if label.casefold() not in LABELS:
        return None
    bold = bool(match.group("bold")) and bool(match.group("close") or match.group("after"))
    return label, match.group("value").strip().strip("*_").strip(), bold


def _blank(line: str) -> bool:
    return not line.strip()


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and _blank(lines[index]):
        index += 1
    return index


def _continues(lines: list[str], index: int) -> bool:
    """After a blank line inside a label's value: does the value go on (a label or a rule comes later, before any
    heading), rather than the story begin?"""
    for line in lines[index : index + 40]:
        if _label(line) is not None or _RULE.match(line):
            return True
        if line.lstrip().startswith("#"):
            return False
    return False


def _value(lines: list[str], index: int, first: str) -> tuple[str, int]:
    """A label's value: the rest of its line and the lines that run on from it; for a label alone on its line,
    the paragraphs after it (up to the next label or rule)."""
    paragraphs: list[list[str]] = [[first] if first else []]
    while index < len(lines) and _label(lines[index]) is None and not _RULE.match(lines[index]):
        if _blank(lines[index]):
            if first or not _continues(lines, index + 1):
                break
            paragraphs.append([])
        else:
            paragraphs[-1].append(lines[index].strip())
        index += 1
    return "\n\n".join(" ".join(p) for p in paragraphs if p), index


def read_header(lines: list[str], *, markdown_title: bool = True) -> Header:
    """The header at the top of ``lines`` (one line per Markdown line or Word paragraph); ``end`` is 0 when there
    is none (the lines are then left to the story)."""
    header = Header()
    index = _skip_blank(lines, 0)
    if markdown_title and index < len(lines) and (heading := _HEADING.match(lines[index])):
        header.title = heading.group("title").strip()
        index = _skip_blank(lines, index + 1)
    if index < len(lines) and (by := _BY.match(lines[index])):
        header.creators = by.group("name").strip()
        index += 1
    bold = 0
    last = index
    while (index := _skip_blank(lines, index)) < len(lines):
        found = _label(lines[index])
        if found is None:
            break
        label, first, is_bold = found
        bold += is_bold
        value, index = _value(lines, index + 1, first)
        header.entries.append((label, value))
        last = index
    if len(header.entries) < LABELS_NEEDED and not (header.entries and bold):
        return Header()
    index = _skip_blank(lines, last)
    header.end = index + 1 if index < len(lines) and _RULE.match(lines[index]) else last
    return header
