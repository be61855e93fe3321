"""FanFicFare's TXT output.

Layout (lines hard-wrapped at about 78 columns by default)::

    Title

    by Author

    Category: Marvel Cinematic Universe          "Label: value" lines; long values wrap
    Genre: Romance, Hurt/Comfort                 onto following lines
    Status: Completed
    ...

    TABLE OF CONTENTS

    Chapter One                                  one entry per chapter

            Chapter One                          each chapter starts with an indented title
                                                 (a tab, or eight spaces once wrapped)
    paragraphs, separated by blank lines

    End file.                                    FanFicFare's marker, not part of the story
"""

from __future__ import annotations

import re

from scriptorium.tags.vocabulary import (
    CATEGORIES,
    CHOSE_NOT_TO_WARN,
    NO_WARNINGS_APPLY,
    RAPE_NONCON,
    UNDERAGE,
    WARNINGS,
)
from scriptorium.transfer.parsed import ParsedChapter, ParsedWork
from scriptorium.transfer.plaintext.common import (
    exact_chapter_title,
    is_blank,
    match_heading,
    rejoin,
    split_blocks,
    wrap_width,
)
from scriptorium.transfer.plaintext.fields import (
    add_unique,
    language_code,
    parse_date,
    split_ffn_genres,
    split_list,
    split_people,
)
from scriptorium.transfer.ratings import map_rating
from scriptorium.works.languages import language_code as archive_language_code

SOURCE_FORMAT = "fanficfare-txt"
_TOC = re.compile(r"^\s*TABLE OF CONTENTS\s*$")
_END = re.compile(r"^\s*End file\.\s*$")
_BY = re.compile(r"^\s*by\s+(?P<name>\S.*)$")
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9/ .'()-]{0,38}?):(?:\s+(?P<value>.*\S)|\s*)$")
_INDENTED = re.compile(r"^(?:\t| {4,})\S")
_SCAN_LINES = 300
_WARNINGS = {warning.casefold(): warning for warning in WARNINGS} | {
    # AO3's tags' short names and older spellings, as its EPUBs' subjects and older downloads print them
    "choose not to use archive warnings": CHOSE_NOT_TO_WARN,
    "creator chose not to use archive warnings": CHOSE_NOT_TO_WARN,
    "underage": UNDERAGE,
    "rape/non-consensual sex": RAPE_NONCON,
    "no warnings apply": NO_WARNINGS_APPLY,
}
_CATEGORIES = {category.casefold(): category for category in CATEGORIES}
_SERIES = re.compile(
    r"^(?:part\s+(?P<position>\d+)\s+of\s+(?P<rest>.+)|(?P<title>.+?)(?:\s*\[(?P<index>\d+)\])?)$", re.I
)
#: Our own TXT export (:mod:`scriptorium.transfer.exports.text`) names itself on this line; its lines are not
#: hard-wrapped and its creators are separated by commas only.
_GENERATOR = "scriptorium"
#: Long texts inside a chapter, written as "Label:" followed by "> " quoted lines.
_CHAPTER_LEADING = {"chapter summary": "summary", "chapter notes": "notes"}
_CHAPTER_TRAILING = {"chapter end notes": "end_notes"}
_DONE = ("completed", "complete")
_NOT_DONE = ("in-progress", "in progress", "incomplete", "wip", "ongoing", "abandoned", "hiatus")


def _last_line(lines: list[str]) -> str:
    return next((line for line in reversed(lines) if not is_blank(line)), "")


def detect(lines: list[str]) -> bool:
    if _END.match(_last_line(lines)):
        return True
    head = lines[:_SCAN_LINES]
    has_toc = any(_TOC.match(line) for line in head)
    labels = sum(1 for line in head if _LABEL.match(line))
    return has_toc and labels >= 1


def _list_into(target: list[str], value: str) -> None:
    add_unique(target, split_list(value))


def _doubtful(work: ParsedWork, label: str, value: str, what: str) -> None:
    work.extras[label] = value
    work.add_problem(label.casefold(), f"{what} \u201c{value}\u201d is not one we recognise.", "doubtful")


def apply_series(value: str, work: ParsedWork, *, position: str = "", bare: bool = False) -> None:
    """ "Part 2 of Long Road", "Long Road [2]", or a bare title (``bare``: the value is only the title, with the
    position given apart)."""
    value = " ".join(value.split())
    if not value:
        return
    if bare:
        title, number = value, position
    else:
        match = _SERIES.match(value)
        if match is None:
            return
        if match.group("rest"):
            title, number = match.group("rest"), match.group("position")
        else:
            title, number = match.group("title"), match.group("index") or position
    work.series_title = title.strip()[:255]
    number = (number or "").split(".")[0].strip()
    if number.isdigit() and int(number) >= 1:
        work.series_position = int(number)


def _language(value: str) -> str | None:
    return archive_language_code(" ".join(value.split())) or language_code(value)


def unquote(value: str) -> str | None:
    """Lines quoted with ">" (our TXT's long texts) as paragraphs apart by blank lines; None when not quoted."""
    lines = value.split("\n")
    if not lines or not all(line.startswith(">") for line in lines):
        return None
    text = "\n".join(line[2:] if line.startswith("> ") else line[1:] for line in lines)
    return "\n\n".join(part.strip() for part in re.split(r"\n\s*\n", text) if part.strip())


def _apply(label: str, value: str, work: ParsedWork, counts: dict[str, int | None]) -> None:
    key = label.casefold()
    if key in ("category", "categories") and not all(v.casefold() in _CATEGORIES for v in split_list(value)):
        key = "fandoms"  # FanFicFare's "Category" is the fandom
    if key in ("fandom", "fandoms"):
        _list_into(work.fandoms, value)
    elif key in ("genre", "genres"):
        for item in [part for listed in split_list(value) for part in (split_ffn_genres(listed) or [listed])]:
            add_unique(
                work.categories if item in ("F/F", "F/M", "M/M", "Gen", "Multi") else work.additional_tags,
                [item],
            )
    elif key in ("freeform tags", "additional tags", "tags"):
        _list_into(work.additional_tags, value)
    elif key in ("ao3 categories", "categories", "category"):
        add_unique(work.categories, [_CATEGORIES[v.casefold()] for v in split_list(value)])
    elif key == "characters":
        _list_into(work.characters, value)
    elif key in ("relationships", "pairings", "ships", "pairing"):
        _list_into(work.relationships, value)
    elif key in ("summary", "description"):
        work.summary = value
    elif key == "title" and work.title is None:
        work.title = value
    elif key in ("author", "authors") and not work.creators:
        work.creators = split_people(value)
    elif key == "language":
        code = _language(value)
        if code is None:
            _doubtful(work, label, value, "The language")
        else:
            work.language = code
    elif key == "series":
        apply_series(value, work)
    elif key == "notes":
        work.notes = value
    elif key == "end notes":
        work.end_notes = value
    elif key in ("published", "updated"):
        date = parse_date(value)
        if date is None:
            _doubtful(work, label, value, f"The {key} date")
        elif key == "published":
            work.published = date
        else:
            work.updated = date
    elif key in ("rating", "rated"):
        work.rating = map_rating(value)
        if work.rating is None:
            _doubtful(work, label, value, "The rating")
    elif key in ("warnings", "archive warnings", "archive warning"):
        items = split_list(value)
        add_unique(work.warnings, [_WARNINGS[item.casefold()] for item in items if item.casefold() in _WARNINGS])
        others = [item for item in items if item.casefold() not in _WARNINGS]
        if others:
            work.extras[label] = ", ".join(others)
    elif key == "status" and value.casefold() in _DONE + _NOT_DONE:
        work.complete = value.casefold() in _DONE
    elif key in ("chapters", "chapters/total chapters", "total chapters") and re.fullmatch(r"[\d,/?]+", value):
        posted, _, total = value.replace(",", "").partition("/")
        counts["posted"] = int(posted) if posted.isdigit() else None
        if key == "total chapters" or total:
            counts["total"] = int(total or posted) if (total or posted).isdigit() else None
        work.extras[label] = value
    else:
        work.extras[label] = value


def _read_title_page(lines: list[str], work: ParsedWork) -> dict[str, int | None]:
    counts: dict[str, int | None] = {}
    entries: list[tuple[str, list[list[str]]]] = []
    for line in lines:
        label = _LABEL.match(line)
        if is_blank(line):
            if entries and entries[-1][1][-1]:
                entries[-1][1].append([])
        elif label:
            entries.append((label.group("label"), [[(label.group("value") or "")]]))
        elif entries:
            entries[-1][1][-1].append(line)
        else:
            entries.append(("Title page", [[line]]))
    for label, blocks in entries:
        lines = [line for block in blocks for line in block]
        value = unquote("\n".join(lines[1:])) if lines and not lines[0] and len(lines) > 1 else None
        if value is None:
            value = "\n\n".join(rejoin(block, None) for block in blocks if block and "".join(block).strip())
        if value:
            _apply(label, value, work, counts)
    return counts


def _chapter_starts(body: list[str], toc: list[str]) -> list[int]:
    """Lines that open a chapter: indented after a blank line, matching the table of contents if any."""
    candidates = [i for i, line in enumerate(body) if _INDENTED.match(line) and (i == 0 or is_blank(body[i - 1]))]
    wanted = [" ".join(title.split()) for title in toc]
    starts: list[int] = []
    for index in candidates:
        if len(starts) < len(wanted) and " ".join(_title_block(body, index)[0].split()) == wanted[len(starts)]:
            starts.append(index)
    # Trust the table of contents only when every entry was found.
    return starts if starts and len(starts) == len(wanted) else candidates


def _title_block(body: list[str], index: int) -> tuple[str, int]:
    end = index
    while end < len(body) and not is_blank(body[end]):
        end += 1
    return rejoin(body[index:end], None), end


def _labelled(block: list[str], labels: dict[str, str]) -> tuple[str, str] | None:
    """A "Label:" line followed by quoted lines: the field it fills and its text."""
    field = labels.get(block[0].strip().rstrip(":").casefold()) if block[0].strip().endswith(":") else None
    text = unquote("\n".join(block[1:])) if field and len(block) > 1 else None
    return (field, text) if field and text is not None else None


def _chapter_notes(blocks: list[list[str]], chapter: ParsedChapter, work: ParsedWork | None) -> list[list[str]]:
    """Take the quoted summary and notes off the start of a chapter and the end notes off its end (and, in the
    last chapter, the work's end notes)."""
    blocks = list(blocks)
    while blocks and (found := _labelled(blocks[0], _CHAPTER_LEADING)):
        setattr(chapter, found[0], found[1])
        blocks.pop(0)
    if work is not None and blocks and (found := _labelled(blocks[-1], {"end notes": "end_notes"})):
        work.end_notes = found[1]
        blocks.pop()
    if blocks and (found := _labelled(blocks[-1], _CHAPTER_TRAILING)):
        chapter.end_notes = found[1]
        blocks.pop()
    return blocks


def _chapter_title(title: str) -> str:
    """FanFicFare often prefixes "Chapter 3: "; keep only the author's title, as the other layouts do."""
    exact = exact_chapter_title(" ".join(title.split()))
    if exact is not None:
        return exact
    heading = match_heading(title)
    return heading.title if heading is not None and title.casefold().startswith("chapter") else title


def parse(lines: list[str], work: ParsedWork) -> ParsedWork:
    work.source_format = SOURCE_FORMAT
    end = len(lines)
    while end > 0 and is_blank(lines[end - 1]):
        end -= 1
    if end and _END.match(lines[end - 1]):
        end -= 1
    else:
        work.add_problem(
            "chapters",
            "The file does not end with FanFicFare's \u201cEnd file.\u201d line; it may have been cut short.",
            "doubtful",
        )
    lines = lines[:end]
    position = 0
    nonblank = [i for i, line in enumerate(lines) if not is_blank(line)]
    by = _BY.match(lines[nonblank[1]]) if len(nonblank) > 1 else None
    if nonblank and (by or not (_LABEL.match(lines[nonblank[0]]) or _TOC.match(lines[nonblank[0]]))):
        work.title = lines[nonblank[0]].strip()
        position = nonblank[0] + 1
        if by:
            work.creators = split_people(by.group("name"))
            position = nonblank[1] + 1
    toc_at = next((i for i in range(position, len(lines)) if _TOC.match(lines[i])), None)
    first_indented = next(
        (i for i in range(position, len(lines)) if _INDENTED.match(lines[i]) and is_blank(lines[i - 1])),
        len(lines),
    )
    header_end = toc_at if toc_at is not None and toc_at < first_indented else first_indented
    counts = _read_title_page(lines[position:header_end], work)
    ours = work.extras.get("Generator", "").casefold().startswith(_GENERATOR)
    if ours and by:
        work.creators = split_list(by.group("name"))
    toc: list[str] = []
    body_start = header_end
    if toc_at is not None and toc_at < first_indented:
        toc = [rejoin(block, None) for block in split_blocks(lines[toc_at + 1 : first_indented])]
        body_start = first_indented
    body = lines[body_start:]
    starts = _chapter_starts(body, toc) or [0]
    spans = list(zip(starts, [*starts[1:], len(body)], strict=True))
    chapter_blocks: list[tuple[str, list[list[str]]]] = []
    for start, stop in spans:
        title, text_start = _title_block(body, start) if _INDENTED.match(body[start] if body else "") else ("", start)
        chapter_blocks.append((title, split_blocks(body[text_start:stop])))
    all_blocks = [block for _, blocks in chapter_blocks for block in blocks]
    width = None if ours else wrap_width(all_blocks)
    if width is None and not ours:
        # Too little text to see the wrapping: lines no longer than ~100 columns were wrapped at the
        # longest of them; longer ones mean FanFicFare's wrapping was switched off.
        longest = max((len(line.rstrip()) for block in all_blocks for line in block), default=0)
        width = longest if 40 <= longest <= 100 else None
    work.chapters = []
    for index, (title, blocks) in enumerate(chapter_blocks):
        if not (title or blocks):
            continue
        chapter = ParsedChapter(title=_chapter_title(title))
        blocks = _chapter_notes(blocks, chapter, work if index == len(chapter_blocks) - 1 else None)
        chapter.paragraphs = [rejoin(block, width) for block in blocks]
        work.chapters.append(chapter)
    total = counts.get("total") or (counts.get("posted") if work.complete else None)
    if total is not None:
        work.expected_chapters = total
    return work
