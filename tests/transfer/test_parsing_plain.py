"""Text in no known layout, and the helpers shared by every layout."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.plaintext import detect_layout, parse_text
from scriptorium.transfer.plaintext.common import match_heading, match_numbered, words_to_number
from scriptorium.transfer.plaintext.fields import (
    language_code,
    parse_date,
    split_ffn_genres,
    split_inkitt_genres,
)

SAMPLES = Path(__file__).parent / "samples"
LONG = (
    "The lighthouse keeper's cat had opinions about the fog, none of them favourable, and expressed them "
    "nightly from the top of the stairs while the lamp turned slowly above her and the sea went on."
)


def test_unrecognised_prose_is_one_chapter() -> None:
    work = parse_text((SAMPLES / "plain_prose.txt").read_text(encoding="utf-8"))
    assert work.source_format == "plain-text"
    assert len(work.chapters) == 1
    assert work.chapters[0].paragraphs[1] == (
        "Ruth did, in the end, because Ruth always did. She poured three cups and left them on the table to go "
        "cold—nobody ever drank the first pot—and went back to the window."
    )
    assert work.title is None
    reported = {(p.field, p.severity) for p in work.problems}
    assert ("format", "info") in reported
    assert {
        ("title", "missing"),
        ("creators", "missing"),
        ("fandoms", "missing"),
        ("rating", "missing"),
        ("warnings", "missing"),
        ("language", "missing"),
    } <= reported


def test_title_and_by_line_and_headings() -> None:
    work = parse_text((SAMPLES / "plain_titled.txt").read_text(encoding="utf-8"))
    assert (work.title, work.creators) == ("Salt and Iron", ["Wren Hollis"])
    assert len(work.chapters) == 2
    assert work.chapters[1].paragraphs[-1] == "THE END"
    assert work.complete is True and work.expected_chapters == 2


def test_a_first_line_without_by_line_is_not_taken_for_a_title() -> None:
    work = parse_text("Morning\n\nThe sun came up, as it does.\n\nNobody minded.\n")
    assert work.title is None
    assert work.chapters[0].paragraphs == ["Morning", "The sun came up, as it does.", "Nobody minded."]


def test_hard_wrapped_plain_text_is_rejoined() -> None:
    text = "\n\n".join(textwrap.fill(LONG, 72) for _ in range(3))
    work = parse_text(text)
    assert work.chapters[0].paragraphs == [LONG] * 3


def test_one_paragraph_per_line_without_blank_lines() -> None:
    text = f"{LONG}\n“Short line,” she said.\n{LONG}"
    assert parse_text(text).chapters[0].paragraphs == [LONG, "“Short line,” she said.", LONG]


def test_short_lines_in_a_block_stay_line_breaks() -> None:
    verse = "One for the lamp,\ntwo for the stair,\nthree for the keeper\nwho isn't there."
    assert parse_text(verse + "\n\n" + LONG).chapters[0].paragraphs == [verse, LONG]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\t \n \n"])
def test_blank_text_is_rejected(text: str) -> None:
    with pytest.raises(ImportRejected) as info:
        parse_text(text)
    assert info.value.code == "empty"


def test_headings_only_is_rejected() -> None:
    with pytest.raises(ImportRejected) as info:
        parse_text("Chapter 1\n\nChapter 2\n")
    assert info.value.code == "no-prose"


def test_encoding_is_recorded() -> None:
    assert parse_text("Some prose.", encoding="cp1252").encoding == "cp1252"


def test_detect_layout_for_plain_text() -> None:
    assert detect_layout(LONG) == "plain-text"


@pytest.mark.parametrize(
    ("line", "title", "number"),
    [
        ("Chapter 1", "", 1),
        ("chapter 12: A Title", "A Title", 12),
        ("CHAPTER ONE", "", 1),
        ("Chapter Twenty-Three", "", 23),
        ("Chapter one hundred and two", "", 102),
        ("Chapter XIV - Fourteen", "Fourteen", 14),
        ("# Chapter 3 #", "", 3),
        ("Chapter 4:", "", 4),
        ("Prologue", "Prologue", None),
        ("EPILOGUE - After", "EPILOGUE - After", None),
    ],
)
def test_match_heading(line: str, title: str, number: int | None) -> None:
    heading = match_heading(line)
    assert heading is not None
    assert (heading.title, heading.number) == (title, number)


@pytest.mark.parametrize(
    "line", ["Chapter one was over.", "Chapter mild", "Chapters", "Prologues", "Chapter", "The chapter 1"]
)
def test_not_headings(line: str) -> None:
    assert match_heading(line) is None


def test_match_numbered() -> None:
    heading = match_numbered("1. Volare")
    assert heading is not None and (heading.title, heading.number) == ("Volare", 1)
    assert match_numbered("1.5 metres") is None
    assert match_numbered("2. First, the eggs,") is None


@pytest.mark.parametrize(
    ("words", "number"),
    [("one", 1), ("Nineteen", 19), ("forty-two", 42), ("two hundred", 200), ("many", None)],
)
def test_words_to_number(words: str, number: int | None) -> None:
    assert words_to_number(words) == number


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("English", "en"),
        ("español", "es"),
        ("Français", "fr"),
        ("Deutsch", "de"),
        ("日本語", "ja"),
        ("Português brasileiro", "pt-BR"),
        ("en", "en"),
        ("pt-BR", "pt-BR"),
        ("Klingon", None),
        ("", None),
    ],
)
def test_language_code(value: str, code: str | None) -> None:
    assert language_code(value) == code


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("6/2/2015", datetime.date(2015, 6, 2)),
        ("2016-03-04", datetime.date(2016, 3, 4)),
        ("2024-11-02 09:15:44", datetime.date(2024, 11, 2)),
        ("5 May 2015", datetime.date(2015, 5, 5)),
        ("May 5, 2015", datetime.date(2015, 5, 5)),
        ("Jan 5", None),
        ("3h", None),
        ("", None),
    ],
)
def test_parse_date(value: str, date: datetime.date | None) -> None:
    assert parse_date(value) == date


def test_genre_splitting() -> None:
    assert split_ffn_genres("Romance/Hurt/Comfort") == ["Romance", "Hurt/Comfort"]
    assert split_ffn_genres("Hurt/Comfort/Angst") == ["Hurt/Comfort", "Angst"]
    assert split_ffn_genres("Steve R., Natasha R.") is None
    assert split_inkitt_genres("Romance / Drama") == ["Romance", "Drama"]
    assert split_inkitt_genres("sci-fi") == ["Sci-Fi"]
    assert split_inkitt_genres("Romance / Drama / Horror") is None
    assert split_inkitt_genres("Angst") is None
