"""Text in no layout we recognise: import it anyway, as prose.

A short first line followed by a "by Author" line is read as title and author; "Chapter N",
Prologue and Epilogue headings split chapters; everything else is story text.
"""

from __future__ import annotations

import re

from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext.common import (
    attach_prelude,
    is_blank,
    prepare_blocks,
    split_blocks,
    split_chapters,
)
from scriptorium.transfer.plaintext.fields import split_people

SOURCE_FORMAT = "plain-text"
_BY = re.compile(r"^\s*(?:by|written by|author)\s*:?\s+(?P<name>\S.{0,80})$", re.IGNORECASE)


def parse(lines: list[str], work: ParsedWork) -> ParsedWork:
    work.source_format = SOURCE_FORMAT
    work.add_problem("format", "The layout of this file was not recognised; it was imported as plain text.", "info")
    nonblank = [index for index, line in enumerate(lines) if not is_blank(line)]
    start = 0
    if len(nonblank) >= 3:
        first, second = lines[nonblank[0]].strip(), lines[nonblank[1]]
        by = _BY.match(second)
        if by and len(first) <= 150 and first[-1] not in ".!?,;\u2026" and len(by.group("name").split()) <= 8:
            work.title = first
            work.creators = split_people(by.group("name"))
            start = nonblank[1] + 1
    blocks = split_blocks(lines[start:])
    prelude, chapters = split_chapters(*prepare_blocks(blocks))
    work.chapters = attach_prelude(prelude, chapters, work)
    return work
