"""Property tests: whatever prose goes into a dump comes back out unchanged."""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scriptorium.tags.vocabulary import RATINGS
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.plaintext import parse_text
from scriptorium.transfer.plaintext.common import is_the_end, match_heading

# Any character but surrogates and the newline characters that the parser normalises.
LINE = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"), min_size=1, max_size=40)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)


def usable(paragraph: str) -> bool:
    lines = paragraph.split("\n")
    return paragraph == paragraph.strip() and all(line.strip() for line in lines) and match_heading(lines[0]) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(PARAGRAPH.filter(usable), min_size=1, max_size=8))
def test_inkitt_dump_round_trips_paragraphs(paragraphs: list[str]) -> None:
    text = (
        "[All Rights Reserved ©]\nA summary.\n\nRomance / Drama\n4.9 138 reviews\nAge Rating:\n\nChapter 1\n\n"
        + "\n\n".join(paragraphs)
        + "\n"
    )
    work = parse_text(text)
    assert work.source_format == "inkitt-text"
    assert [chapter.paragraphs for chapter in work.chapters] == [paragraphs]
    assert work.complete is (True if is_the_end(paragraphs[-1].split("\n")[-1]) else None)


WORD = st.text(st.characters(categories=("L", "N", "P", "S")), min_size=1, max_size=15).filter(
    lambda word: not word.endswith("-")
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=60).map(" ".join), min_size=1, max_size=5))
def test_fanficfare_wrapped_paragraphs_round_trip(paragraphs: list[str]) -> None:
    assume(all(p.strip() and "End file." not in p for p in paragraphs))
    body = "\n\n".join(textwrap.fill(p, 78, break_on_hyphens=False, break_long_words=False) for p in paragraphs)
    text = f"\n\n\nTitle\n\nby Someone\n\n\n\nStatus: Completed\n\n\n\n\tOne\n\n{body}\n\n\nEnd file.\n"
    work = parse_text(text)
    assert work.source_format == "fanficfare-txt"
    assert work.chapters[0].paragraphs == paragraphs


PIECES = st.sampled_from(
    [
        "",
        "   ",
        "\t",
        "Chapter 1",
        "Chapter Two: Names",
        "1. Volare",
        "2. Ritorno",
        "Prologue",
        "The End.",
        "Age Rating:",
        "Age Rating: 18+",
        "Romance / Drama",
        "4.9 138 reviews",
        "[All Rights Reserved ©]",
        "Rated: Fiction T - English - Romance/Drama - [A B., C D.] E F. - Chapters: 3 - Status: Complete - id: 1",
        "Rated: Fiction M",
        "By: someone",
        "by someone",
        "TABLE OF CONTENTS",
        "End file.",
        "\tOne",
        "        Two",
        "Status: Completed",
        "Category: Fandom",
        "Summary: text",
        "Movies » Avengers",
        "Follow/Fav",
        "Plain prose, the ordinary kind.",
        "“Quoted—dashed…”",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, LINE), max_size=30))
def test_any_arrangement_of_lines_parses_or_is_rejected_cleanly(lines: list[str]) -> None:
    try:
        work = parse_text("\n".join(lines))
    except ImportRejected as error:
        assert error.code in {"empty", "no-prose"}
        return
    assert work.chapters and any(chapter.paragraphs for chapter in work.chapters)
    assert work.rating is None or work.rating in RATINGS
    assert all(problem.severity in {"missing", "doubtful", "info"} for problem in work.problems)
    assert all(paragraph == paragraph.strip() and paragraph for c in work.chapters for paragraph in c.paragraphs)
