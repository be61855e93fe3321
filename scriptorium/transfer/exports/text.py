"""The plain-text download, laid out like FanFicFare's TXT so that our importer (and people) read it back::

    Title

    by Creator, Other Creator

    Rating: Teen And Up Audiences            one "Label: value" line per field
    Archive Warnings: No Archive Warnings Apply
    ...
    Summary:                                 long texts follow their label as "> " quoted lines
    > First paragraph.
    >
    > Second paragraph.

    TABLE OF CONTENTS

    Chapter 1: The Bridge
    Chapter 2

    <TAB>Chapter 1: The Bridge               each chapter opens with its tab-indented heading

    Chapter Summary:                         (chapter summary, notes and end notes quoted likewise)
    > …

    Paragraphs, separated by blank lines; a line break inside a paragraph is a line break.

    End file.

Lines are not hard-wrapped (e-readers and editors wrap them); the "Generator" line tells our importer so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from scriptorium.core.text import html_to_paragraphs
from scriptorium.transfer.exports.base import Converter
from scriptorium.transfer.exports.document import series_text
from scriptorium.transfer.exports.snapshot import WorkSnapshot
from scriptorium.transfer.exports.xhtml import clean_text

GENERATOR = "Scriptorium (unwrapped lines)"


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def paragraphs(html: str) -> list[str]:
    """Stored HTML as plain paragraphs: no blank lines inside, no leading white space on any line."""
    out = []
    for paragraph in html_to_paragraphs(clean_text(html)):
        lines = [" ".join(line.split()) for line in paragraph.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            out.append(text)
    return out


def quoted(label: str, html: str) -> str:
    """A long text under its label, each line quoted with "> " and paragraphs apart by a lone ">"."""
    parts = paragraphs(html)
    if not parts:
        return ""
    body = "\n>\n".join("\n".join(f"> {line}" for line in part.split("\n")) for part in parts)
    return f"{label}:\n{body}\n"


def _header(work: WorkSnapshot) -> Iterator[str]:
    yield f"{_one_line(work.title)}\n\n"
    if work.creators:
        archived = ", ".join(_one_line(link.name) for link in work.archivists)
        archived = f" [archived by {archived}]" if archived else ""
        yield f"by {', '.join(_one_line(name) for name in work.creator_names)}{archived}\n\n"
    fields = [("Rating", work.rating)]
    for label, links in (
        ("Archive Warnings", work.warnings),
        ("Categories", work.categories),
        ("Fandoms", work.fandoms),
        ("Relationships", work.relationships),
        ("Characters", work.characters),
        ("Additional Tags", work.additional_tags),
    ):
        if links:
            fields.append((label, ", ".join(link.name for link in links)))
    fields.append(("Language", work.language_name))
    if work.series:
        fields.append(("Series", series_text(work)))
    fields.append(("Status", "Completed" if work.complete else "In-Progress"))
    if work.published_on:
        fields.append(("Published", work.published_on.isoformat()))
    if work.revised_on:
        fields.append(("Updated", work.revised_on.isoformat()))
    fields.append(("Words", f"{work.word_count:,}"))
    fields.append(("Chapters", work.chapters_display))
    fields.append(("Publisher", work.site_name))
    if work.url:
        fields.append(("Story URL", work.url))
    fields.append(("Generator", GENERATOR))
    yield "".join(f"{label}: {_one_line(value)}\n" for label, value in fields if _one_line(value))
    for label, html in (("Summary", work.summary), ("Notes", work.notes)):
        block = quoted(label, html)
        if block:
            yield block
    yield "\n"


def text_parts(work: WorkSnapshot) -> Iterator[str]:
    yield from _header(work)
    headings = [_one_line(chapter.display_title) for chapter in work.chapters]
    yield "TABLE OF CONTENTS\n\n" + "\n".join(headings) + "\n\n"
    for chapter, heading in zip(work.chapters, headings, strict=True):
        yield f"\t{heading}\n\n"
        for label, html in (("Chapter Summary", chapter.summary), ("Chapter Notes", chapter.notes)):
            block = quoted(label, html)
            if block:
                yield block + "\n"
        for paragraph in paragraphs(chapter.text):
            yield paragraph + "\n\n"
        block = quoted("Chapter End Notes", chapter.end_notes)
        if block:
            yield block + "\n"
    block = quoted("End Notes", work.end_notes)
    if block:
        yield block + "\n"
    yield "End file.\n"


class TextConverter(Converter):
    extension = "txt"
    content_type = "text/plain; charset=utf-8"
    label = "TXT"

    def convert(self, *, work: WorkSnapshot | None, inputs: Mapping[str, Path], target: Path) -> None:
        assert work is not None
        with target.open("w", encoding="utf-8", newline="\n") as out:
            out.writelines(text_parts(work))
