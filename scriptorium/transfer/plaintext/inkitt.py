"""Inkitt story pages saved or copied as text.

Layout (usually no title and no author; a copy of the story page may keep the title, and a "by" line)::

    [Title]                         optional: a short line standing alone above the summary
    [by Author]                     optional
    [All Rights Reserved ©]         optional, also "Some Rights Reserved", "©"
    summary, one or more lines
    Romance / Drama                 one or two of Inkitt's genres
    4.9 138 reviews                 optional
    Age Rating: 16+                 the value is often missing
    Chapter 1 ...                   headings in several forms, or none
    paragraphs separated by blank lines
    The End.                        optional; kept, and marks the work complete
"""

from __future__ import annotations

import re

from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext.common import (
    attach_prelude,
    is_blank,
    keep_lines,
    split_blocks,
    split_chapters,
)
from scriptorium.transfer.plaintext.fields import add_unique, split_inkitt_genres, split_people
from scriptorium.transfer.ratings import map_rating

SOURCE_FORMAT = "inkitt-text"
_SCAN_LINES = 120
_AGE_RATING = re.compile(r"^\s*age\s*rating\s*:(?P<value>.*)$", re.IGNORECASE)
_AGE_VALUE = re.compile(r"^\s*(?:1[0-9]|[4-9]|2[01])\+\s*$")
_REVIEWS = re.compile(
    r"^\s*(?:(?P<stars>\d(?:[.,]\d{1,2})?)\s+)?\(?(?P<count>\d[\d,.]*k?)\s+reviews?\)?\s*$", re.IGNORECASE
)
_RIGHTS = re.compile(
    r"^\s*\[?\s*(?P<text>(?:\u00a9\s*)?(?:all|some)\s+rights\s+reserved\s*\u00a9?|\u00a9)\s*\]?\s*$",
    re.IGNORECASE,
)
# Two genre-like words around a slash: a genre line even when a genre is not one of Inkitt's.
_GENRE_WORDS = r"[^\W\d][\w&'-]*(?: [\w&'-]+){0,2}"
_GENRE_SHAPE = re.compile(rf"^\s*{_GENRE_WORDS}\s*/\s*{_GENRE_WORDS}\s*$")
_BY = re.compile(r"^\s*(?:by|written by)\s+(?P<name>\S.{0,80})$", re.IGNORECASE)
_TITLE_CHARS = 100
_TITLE_WORDS = 14
_SENTENCE_END = '.!?,;:\u2026"\u201d'


def _header_end(lines: list[str]) -> tuple[int, bool] | None:
    """Index of the line that closes the header, and whether it is the "Age Rating:" line."""
    for index, line in enumerate(lines[:_SCAN_LINES]):
        if _AGE_RATING.match(line):
            return index, True
    for index, line in enumerate(lines[1:_SCAN_LINES], start=1):
        if _REVIEWS.match(line) and split_inkitt_genres(lines[index - 1].strip()):
            return index, False
    return None


def detect(lines: list[str]) -> bool:
    return _header_end(lines) is not None


def _read_meta(line: str, work: ParsedWork, genres: list[str]) -> bool:
    """Take a rights, reviews or genre line into the work; False if the line is none of them."""
    text = line.strip()
    rights = _RIGHTS.match(text)
    if rights:
        work.extras.setdefault("Rights", rights.group("text").strip())
        return True
    reviews = _REVIEWS.match(text)
    if reviews:
        if reviews.group("stars"):
            work.extras.setdefault("Stars", reviews.group("stars"))
        work.extras.setdefault("Reviews", reviews.group("count"))
        return True
    found = split_inkitt_genres(text)
    if found and not genres:
        genres.extend(found)
        return True
    return False


def _split_header(header: list[str], work: ParsedWork) -> list[str]:
    """Read the metadata lines at the end (and rights lines at the top); return the summary lines."""
    genres: list[str] = []
    end = len(header)
    while end > 0 and (is_blank(header[end - 1]) or _read_meta(header[end - 1], work, genres)):
        end -= 1
    if not genres and end > 0 and _GENRE_SHAPE.match(header[end - 1]) and (end == 1 or is_blank(header[end - 2])):
        genres.extend(part.strip() for part in header[end - 1].split("/"))
        work.add_problem(
            "additional_tags",
            f"\u201c{header[end - 1].strip()}\u201d is not an Inkitt genre we know; it was kept as a tag.",
            "doubtful",
        )
        end -= 1
    add_unique(work.additional_tags, genres)
    start = _skip_rights(header, 0, end, work)
    title_at = _title_line(header, start, end)
    if title_at is not None:
        work.title = header[title_at].strip()
        start = title_at + 1
        by = _BY.match(header[start]) if start < end else None
        if by:
            work.creators = split_people(by.group("name"))
            start += 1
        start = _skip_rights(header, start, end, work)
    return header[start:end]


def _skip_rights(header: list[str], start: int, end: int, work: ParsedWork) -> int:
    while start < end and (is_blank(header[start]) or _RIGHTS.match(header[start])):
        if not is_blank(header[start]):
            _read_meta(header[start], work, [])
        start += 1
    return start


def _title_line(header: list[str], start: int, end: int) -> int | None:
    """A title line above the summary (copies of the story page that kept it): a short line standing alone (a
    blank line, a "by …" line or a rights line after it) with a summary still to come."""
    if start >= end:
        return None
    line = header[start].strip()
    following = header[start + 1] if start + 1 < end else ""
    alone = is_blank(following) or bool(_BY.match(following)) or bool(_RIGHTS.match(following))
    short = len(line) <= _TITLE_CHARS and len(line.split()) <= _TITLE_WORDS and line[-1] not in _SENTENCE_END
    summary_after = any(
        not is_blank(other) and not _RIGHTS.match(other) and not _BY.match(other) for other in header[start + 1 : end]
    )
    return start if alone and short and summary_after else None


def _read_rating(value: str, work: ParsedWork) -> None:
    if not value:
        work.add_problem(
            "rating",
            "The \u201cAge Rating:\u201d line has no value; the work will be Not Rated until you choose a rating.",
        )
        return
    work.rating = map_rating(value)
    if work.rating is None:
        work.extras["Age Rating"] = value
        work.add_problem(
            "rating",
            f"The age rating \u201c{value}\u201d is not one we recognise; the work "
            "will be Not Rated until you choose a rating.",
            "doubtful",
        )


def parse(lines: list[str], work: ParsedWork) -> ParsedWork:
    found = _header_end(lines)
    if found is None:
        raise ValueError("not an Inkitt text dump")
    end, has_rating_line = found
    work.source_format = SOURCE_FORMAT
    header = lines[:end] if has_rating_line else lines[: end + 1]
    summary_blocks = split_blocks(_split_header(header, work))
    work.summary = "\n\n".join(keep_lines(block) for block in summary_blocks)
    body_start = end + 1
    if has_rating_line:
        match = _AGE_RATING.match(lines[end])
        value = match.group("value").strip() if match else ""
        # Some copies put the value on the next line ("Age Rating:" / "16+"); take it only when that line is
        # an age rating and nothing else, so an empty header line never swallows the story.
        if not value and body_start < len(lines) and _AGE_VALUE.match(lines[body_start]):
            value = lines[body_start].strip()
            body_start += 1
        _read_rating(value, work)
    body = lines[body_start:]
    start = 0
    while start < len(body) and (is_blank(body[start]) or _RIGHTS.match(body[start])):
        if not is_blank(body[start]):
            _read_meta(body[start], work, [])
        start += 1
    prelude, chapters = split_chapters(split_blocks(body[start:]), lambda block: [keep_lines(block)])
    work.chapters = attach_prelude(prelude, chapters, work)
    return work
