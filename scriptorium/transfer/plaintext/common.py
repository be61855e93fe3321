"""Building blocks shared by the text layouts: blocks, chapter headings, paragraphs, final checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from scriptorium.transfer.parsed import ImportRejected, ParsedChapter, ParsedWork

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred"], key=len, reverse=True))
_WORDS = rf"(?:{_NUMBER_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_NUMBER_WORD}))*"
_SEPARATOR = r"(?:\s*[:.\u2013\u2014]\s*|\s+-\s+|\s*-\s+)"
_CHAPTER = re.compile(
    rf"^chapter\s+(?P<number>\d{{1,4}}|{_WORDS}|[ivxlcdm]+)\b(?:{_SEPARATOR}(?P<title>.*\S)?)?$",
    re.IGNORECASE,
)
_SPECIAL = re.compile(rf"^(?P<word>prologue|epilogue)(?:{_SEPARATOR}(?P<title>.*\S)?)?$", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.\s+(?P<title>\S.{0,99})$")
_DECORATION = "~*=#_ \t"
_THE_END = re.compile(r"^[\s~*_=\-\u2013\u2014]*the\s+end[\s.!~*_=\-\u2013\u2014]*$", re.IGNORECASE)
#: Fewer words than this in the whole file: it may not be a story (a note, a test file), and the importer says so.
FEW_WORDS = 20
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass
class Heading:
    title: str
    number: int | None = None


_EXACT_HEADING = re.compile(r"^Chapter \d{1,5}(?:: (?P<title>.+))?$")


def exact_chapter_title(text: str) -> str | None:
    """The title in a heading written exactly as the archive writes them ("Chapter 3: Title", "Chapter 3"),
    kept as it is (decorations included); None for any other heading."""
    match = _EXACT_HEADING.match(text)
    if match is None:
        return None
    return (match.group("title") or "").strip()


def is_blank(line: str) -> bool:
    return not line.strip()


def split_blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into runs of non-blank lines (a blank line is empty or only whitespace)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if is_blank(line):
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def words_to_number(words: str) -> int | None:
    """ "twenty-three" -> 23, "one hundred and two" -> 102; None if not a number in words."""
    total = 0
    for word in re.split(r"[\s-]+", words.casefold()):
        if word == "and":
            continue
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in _UNITS:
            total += _UNITS[word]
        elif word in _TENS:
            total += _TENS[word]
        else:
            return None
    return total or None


def roman_to_number(text: str) -> int | None:
    values = [_ROMAN[char] for char in text.casefold() if char in _ROMAN]
    if len(values) != len(text) or not values:
        return None
    total = sum(
        -value if value < following else value for value, following in zip(values, [*values[1:], 0], strict=True)
    )
    # Only accept canonical numerals ("iv", not "iiii" or "mix" read loosely).
    return total if _to_roman(total) == text.casefold() else None


def _to_roman(number: int) -> str:
    parts = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return words_to_number(text) or roman_to_number(text)


def match_heading(line: str) -> Heading | None:
    """A chapter heading that is safe to recognise anywhere: "Chapter 1", "Chapter One: Title",
    "CHAPTER TWENTY-THREE", "Chapter IV - Title", "Prologue", "Epilogue: After"."""
    text = line.strip().strip(_DECORATION)
    match = _CHAPTER.match(text)
    if match:
        number = _number(match.group("number"))
        if number is None:
            return None
        return Heading((match.group("title") or "").strip().strip(_DECORATION), number)
    match = _SPECIAL.match(text)
    if match:
        return Heading(text)
    return None


def match_numbered(line: str) -> Heading | None:
    """A "1. Volare" heading; only trusted as a lone line in a run of numbered headings."""
    match = _NUMBERED.match(line.strip())
    if not match or match.group("title").rstrip()[-1] in ",;":
        return None
    return Heading(match.group("title").strip(), int(match.group("number")))


def is_the_end(line: str) -> bool:
    return bool(_THE_END.match(line))


def keep_lines(block: list[str]) -> str:
    """A paragraph whose single newlines are real line breaks."""
    return "\n".join(block).strip()


def wrap_width(blocks: list[list[str]]) -> int | None:
    """The column text was hard-wrapped at, or None when lines were not wrapped.

    Wrapped text has many multi-line blocks whose non-final lines all nearly fill a fixed width
    (a few longer lines are words too long to break, such as links)."""
    inner = [len(line.rstrip()) for block in blocks if len(block) > 1 for line in block[:-1]]
    usual = [length for length in inner if length <= 100]
    if len(inner) < 3 or len(usual) < 0.8 * len(inner):
        return None
    width = max(usual)
    if width < 40:
        return None
    full = sum(1 for length in usual if length >= width - 20)
    return width if full / len(usual) >= 0.8 else None


def prepare_blocks(blocks: list[list[str]]) -> tuple[list[list[str]], Callable[[list[str]], list[str]]]:
    """Decide how text of unknown habits makes paragraphs; return the blocks to use and a reader.

    Hard-wrapped text is re-joined. A block whose lines are long (prose copied from a web page
    puts each paragraph on one line, often without blank lines) or that runs on for many lines
    is split into one paragraph per line. Otherwise single newlines stay as line breaks."""
    width = wrap_width(blocks)
    if width is not None:
        return blocks, lambda block: [rejoin(block, width)]
    prepared: list[list[str]] = []
    for block in blocks:
        mean = sum(len(line.strip()) for line in block) / len(block)
        if len(block) > 1 and (mean >= 60 or len(block) >= 8):
            prepared.extend([line] for line in block)
        else:
            prepared.append(block)
    return prepared, lambda block: [keep_lines(block)]


def rejoin(block: list[str], width: int | None) -> str:
    """Re-join hard-wrapped lines into one paragraph.

    A line ending in two spaces (html2text's line break), or a line so short that the next word
    would have fitted on it, was broken on purpose and keeps its newline."""
    out = ""
    for index, line in enumerate(block):
        piece = line.strip()
        if index == 0:
            out = piece
            continue
        previous = block[index - 1]
        first_word = piece.split()[0] if piece.split() else ""
        short = width is not None and len(previous.rstrip()) + 1 + len(first_word) <= width
        if previous.endswith("  ") or short:
            out += "\n" + piece
        elif re.search(r"[^\W\d_]-$", out) and piece[:1].isalpha():
            out += piece  # a word split at its hyphen by the wrapper
        else:
            out += " " + piece
    return out.strip()


def split_chapters(
    blocks: list[list[str]], paragraphs: Callable[[list[str]], list[str]]
) -> tuple[list[str], list[ParsedChapter]]:
    """Cut blocks into chapters at headings.

    Returns the paragraphs before the first heading and the chapters. "Chapter N" / Prologue /
    Epilogue headings are recognised anywhere (also as the first line of a block); "1. Title"
    headings only when the text starts with one and the numbers run on in order.
    """
    prelude: list[str] = []
    chapters: list[ParsedChapter] = []
    numbered = bool(blocks) and len(blocks[0]) == 1 and match_numbered(blocks[0][0]) is not None
    next_number: int | None = None
    for block in blocks:
        heading = match_heading(block[0])
        rest = block[1:]
        if heading is None and numbered and len(block) == 1:
            candidate = match_numbered(block[0])
            if candidate is not None and next_number in (None, candidate.number):
                heading = candidate
                next_number = (candidate.number or 0) + 1
        if heading is not None:
            chapters.append(ParsedChapter(title=heading.title))
            if not rest:
                continue
            block = rest
        target = chapters[-1].paragraphs if chapters else prelude
        target.extend(text for text in paragraphs(block) if text)
    return prelude, chapters


def attach_prelude(prelude: list[str], chapters: list[ParsedChapter], work: ParsedWork) -> list[ParsedChapter]:
    """Text before the first heading becomes a chapter of its own, so nothing is lost."""
    if not chapters:
        return [ParsedChapter(paragraphs=prelude)] if prelude else []
    if prelude:
        chapters.insert(0, ParsedChapter(paragraphs=prelude))
        work.add_problem(
            "chapters",
            "Text before the first chapter heading was kept as a chapter of its own; "
            "it may be a note rather than story text.",
            "info",
        )
    return chapters


def finish(work: ParsedWork) -> ParsedWork:
    """Checks shared by every layout: refuse a file without prose, read "The End", report gaps."""
    if not any(chapter.paragraphs for chapter in work.chapters):
        raise ImportRejected("no-prose", "The file has story details but no story text to import.")
    words = sum(len(paragraph.split()) for chapter in work.chapters for paragraph in chapter.paragraphs)
    if words < FEW_WORDS:
        work.add_problem(
            "story",
            f"The file holds only {words} word{'s' if words != 1 else ''} of text: it may not be a story. "
            "Check it before posting.",
            "doubtful",
        )
    last = work.chapters[-1].paragraphs
    if work.complete is None and last and is_the_end(last[-1].split("\n")[-1]):
        work.complete = True
    if work.complete and work.expected_chapters is None:
        work.expected_chapters = len(work.chapters)
    for number, chapter in enumerate(work.chapters, start=1):
        if not chapter.paragraphs:
            label = f"Chapter {number}" + (f" ({chapter.title})" if chapter.title else "")
            work.add_problem("chapters", f"{label} has a heading but no text.", "doubtful")
    gaps = (
        ("title", work.title is None, "The file has no title; please give the work one."),
        ("creators", not work.creators, "The file does not name the author."),
        ("fandoms", not work.fandoms, "The file does not say which fandom the work belongs to."),
        ("rating", work.rating is None, "The file has no rating we recognise; the work will be Not Rated."),
        (
            "warnings",
            not work.warnings,
            (
                "The file carries no archive warnings; the work will use "
                "\u201cCreator Chose Not To Use Archive Warnings\u201d."
            ),
        ),
        ("language", work.language is None, "The file does not say which language the work is in."),
    )
    for field_name, missing, message in gaps:
        if missing and not work.has_problem(field_name):
            work.add_problem(field_name, message)
    return work
