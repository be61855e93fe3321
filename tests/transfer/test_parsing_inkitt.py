"""Inkitt page dumps: header lines, headings, paragraphs, "The End."."""

from __future__ import annotations

from pathlib import Path

import pytest

from scriptorium.tags.vocabulary import EXPLICIT, MATURE, TEEN
from scriptorium.transfer.decoding import decode_bytes
from scriptorium.transfer.parsed import ImportRejected, ParsedWork
from scriptorium.transfer.plaintext import detect_layout, parse_text

SAMPLES = Path(__file__).parent / "samples"
SUMMARY = "A retired cartographer draws one last map."
PROSE = "She unrolled the paper and weighted the corners with teacups."


def load(name: str) -> ParsedWork:
    text, encoding = decode_bytes((SAMPLES / name).read_bytes(), max_bytes=1024 * 1024)
    return parse_text(text, encoding=encoding)


def dump(
    *,
    rights: str | None = None,
    genres: str = "Adventure / Drama",
    reviews: str | None = None,
    rating_line: str = "Age Rating:",
    body: str = f"Chapter 1\n\n{PROSE}\n",
) -> str:
    lines = [rights] if rights else []
    lines += [SUMMARY, "", genres]
    if reviews:
        lines.append(reviews)
    lines += [rating_line, "", body]
    return "\n".join(lines)


def fields(work: ParsedWork) -> set[str]:
    return {problem.field for problem in work.problems}


def test_two_chapter_sample() -> None:
    work = load("inkitt_two_chapters.txt")
    assert work.source_format == "inkitt-text"
    assert work.encoding == "utf-8"
    assert work.title is None and work.creators == []
    assert work.summary == (
        "Mara keeps the lighthouse on Gull Rock. Nobody has visited in nine years,\n"
        "until a stranger rows in out of the fog with a letter addressed to her dead father."
    )
    assert work.additional_tags == ["Romance", "Drama"]
    assert work.rating is None
    assert work.warnings == []
    assert work.extras == {"Rights": "All Rights Reserved ©", "Stars": "4.9", "Reviews": "138"}
    assert [chapter.title for chapter in work.chapters] == ["The Lantern", "Harbour Lights"]
    assert work.complete is True and work.expected_chapters == 2


def test_paragraph_text_comes_through_exactly() -> None:
    first, second = load("inkitt_two_chapters.txt").chapters
    assert first.paragraphs == [
        (
            "The lamp needed oil again. Mara counted the tins on the shelf—seven, then six when she took one "
            "down—and told herself that was plenty for the winter."
        ),
        "“You’re not the keeper,” the stranger said from the doorway. “The keeper was a man.”",
        "“The keeper was my father.” She did not turn around. “He’s been gone a while…”",
    ]
    # Single newlines inside an Inkitt paragraph are line breaks, kept as "\n".
    assert second.paragraphs[0] == (
        "By morning the fog had lifted, and the mainland showed itself as a thin grey line. He asked whether "
        "she ever went across.\nShe said the boat leaked.\nHe said boats could be mended."
    )
    assert second.paragraphs[-1] == "The End."


def test_missing_values_are_reported_not_invented() -> None:
    work = load("inkitt_two_chapters.txt")
    assert {"title", "creators", "fandoms", "rating", "warnings", "language"} <= fields(work)
    assert all(p.severity == "missing" for p in work.problems if p.field in {"title", "creators", "fandoms"})
    title = next(p for p in work.problems if p.field == "title")
    assert "title" in title.message
    assert work.language is None and work.fandoms == []


@pytest.mark.parametrize(
    ("heading", "next_heading", "title"),
    [
        ("Chapter 1", "Chapter 2", ""),
        ("Chapter 1: The Map", "Chapter 2: The Road", "The Map"),
        ("Chapter 1 - The Map", "Chapter 2 - The Road", "The Map"),
        ("Chapter 1 \u2014 The Map", "Chapter 2 \u2014 The Road", "The Map"),
        ("Chapter 1. The Map", "Chapter 2. The Road", "The Map"),
        ("chapter one", "chapter two", ""),
        ("CHAPTER ONE", "CHAPTER TWO", ""),
        ("Chapter Twenty-Three", "Chapter Twenty-Four", ""),
        ("Chapter twenty three: Late", "Chapter twenty four: Later", "Late"),
        ("Chapter IV: Roman", "Chapter V: Numerals", "Roman"),
        ("~Chapter 1~", "~Chapter 2~", ""),
        ("1. Volare", "2. Ritorno", "Volare"),
        ("Prologue", "Chapter 1", "Prologue"),
        ("Prologue: Before the Map", "Chapter 1", "Prologue: Before the Map"),
        ("Chapter 9", "Epilogue", ""),
    ],
)
def test_heading_forms(heading: str, next_heading: str, title: str) -> None:
    body = f"{heading}\n\n{PROSE}\n\n{next_heading}\n\nThe ink dried slowly.\n"
    work = parse_text(dump(body=body))
    assert len(work.chapters) == 2
    assert work.chapters[0].title == title
    assert work.chapters[0].paragraphs == [PROSE]
    assert work.chapters[1].paragraphs == ["The ink dried slowly."]


def test_epilogue_title() -> None:
    work = parse_text(dump(body=f"Chapter 1\n\n{PROSE}\n\nEpilogue\n\nYears later.\n"))
    assert [chapter.title for chapter in work.chapters] == ["", "Epilogue"]


@pytest.mark.parametrize(
    "line",
    [
        "Chapter one was over, and she felt it.",
        "Chapters are hard to end.",
        "The Prologue had been the easy part.",
        "1. Buy more ink",
        "Epilogues are for people who like endings.",
    ],
)
def test_prose_that_merely_looks_like_a_heading_stays_prose(line: str) -> None:
    work = parse_text(dump(body=f"Chapter 1\n\n{PROSE}\n\n{line}\n\nMore prose.\n"))
    assert len(work.chapters) == 1
    assert work.chapters[0].paragraphs == [PROSE, line, "More prose."]


def test_numbered_headings_must_run_in_order() -> None:
    body = f"1. Volare\n\n{PROSE}\n\n2. Ritorno\n\nBack down.\n\n7. Not a heading\n\nStill chapter two.\n"
    work = parse_text(dump(body=body))
    assert [chapter.title for chapter in work.chapters] == ["Volare", "Ritorno"]
    assert work.chapters[1].paragraphs == ["Back down.", "7. Not a heading", "Still chapter two."]


def test_numbered_sample() -> None:
    work = load("inkitt_numbered.txt")
    assert [chapter.title for chapter in work.chapters] == ["Volare", "Ritorno"]
    assert work.rating == EXPLICIT
    assert work.additional_tags == ["Fantasy"]


def test_heading_directly_followed_by_text_without_a_blank_line() -> None:
    work = parse_text(dump(body=f"Chapter 1: Ink\n{PROSE}\n\nChapter 2\nSecond.\n"))
    assert [(c.title, c.paragraphs) for c in work.chapters] == [("Ink", [PROSE]), ("", ["Second."])]


def test_no_chapter_headings_gives_one_chapter() -> None:
    work = load("inkitt_no_headings.txt")
    assert len(work.chapters) == 1
    assert work.chapters[0].title == ""
    assert work.chapters[0].paragraphs[0] == (
        "The river said: hurry, hurry,\nthe sea is waiting, the sea is wide.\n"
        "The stones said nothing for a thousand years."
    )
    assert work.rating == TEEN
    assert work.additional_tags == ["Poetry"]
    assert work.complete is None and work.expected_chapters is None


def test_empty_age_rating_does_not_swallow_the_next_line() -> None:
    work = load("inkitt_rating_swallow.txt")
    assert work.rating is None
    rating = [p for p in work.problems if p.field == "rating"]
    assert len(rating) == 1 and rating[0].severity == "missing"
    assert len(work.chapters) == 2
    assert work.chapters[0].paragraphs[0].startswith("The power went out")
    assert work.chapters[1].paragraphs == ["They agreed on a rota. It lasted eleven minutes."]
    assert "Age Rating" not in work.extras


def test_empty_age_rating_followed_directly_by_prose() -> None:
    work = parse_text(f"{SUMMARY}\n\nDrama\nAge Rating:\n{PROSE}\n")
    assert work.rating is None
    assert work.chapters[0].paragraphs == [PROSE]


@pytest.mark.parametrize(
    ("line", "rating"),
    [
        ("Age Rating: 13+", TEEN),
        ("Age Rating: 16+", MATURE),
        ("Age Rating: 18+", EXPLICIT),
        ("Age Rating:18+", EXPLICIT),
        ("age rating: Mature", MATURE),
    ],
)
def test_age_rating_values(line: str, rating: str) -> None:
    work = parse_text(dump(rating_line=line))
    assert work.rating == rating
    assert "rating" not in fields(work)


def test_unknown_age_rating_is_doubtful_and_kept() -> None:
    work = parse_text(dump(rating_line="Age Rating: 15 and over"))
    assert work.rating is None
    assert [p.severity for p in work.problems if p.field == "rating"] == ["doubtful"]
    assert work.extras["Age Rating"] == "15 and over"


@pytest.mark.parametrize(
    ("reviews", "extras"),
    [
        ("4.9 138 reviews", {"Stars": "4.9", "Reviews": "138"}),
        ("5.0 1 review", {"Stars": "5.0", "Reviews": "1"}),
        ("12 reviews", {"Reviews": "12"}),
        (None, {}),
    ],
)
def test_reviews_line_present_or_absent(reviews: str | None, extras: dict[str, str]) -> None:
    work = parse_text(dump(reviews=reviews))
    assert work.summary == SUMMARY
    assert work.additional_tags == ["Adventure", "Drama"]
    assert work.extras == extras
    assert work.chapters[0].paragraphs == [PROSE]


@pytest.mark.parametrize(
    ("rights", "kept"),
    [
        ("[All Rights Reserved ©]", "All Rights Reserved ©"),
        ("All Rights Reserved", "All Rights Reserved"),
        ("[Some Rights Reserved]", "Some Rights Reserved"),
        ("©", "©"),
        (None, None),
    ],
)
def test_rights_line_present_or_absent(rights: str | None, kept: str | None) -> None:
    work = parse_text(dump(rights=rights))
    assert work.summary == SUMMARY
    assert work.extras.get("Rights") == kept
    assert work.chapters[0].paragraphs == [PROSE]


def test_rights_line_between_genre_and_rating_or_after_rating() -> None:
    text = f"{SUMMARY}\n\nRomance / Drama\n[All Rights Reserved ©]\n4.9 138 reviews\nAge Rating:\n\n{PROSE}\n"
    work = parse_text(text)
    assert (work.summary, work.additional_tags) == (SUMMARY, ["Romance", "Drama"])
    assert work.extras["Rights"] == "All Rights Reserved ©"
    after = parse_text(f"{SUMMARY}\n\nDrama\nAge Rating:\n\n[Some Rights Reserved]\n\n{PROSE}\n")
    assert after.extras["Rights"] == "Some Rights Reserved"
    assert after.chapters[0].paragraphs == [PROSE]


@pytest.mark.parametrize(
    ("genres", "tags"),
    [
        ("Romance", ["Romance"]),
        ("Romance / Drama", ["Romance", "Drama"]),
        ("Sci-Fi / Thriller", ["Sci-Fi", "Thriller"]),
        ("romance/drama", ["Romance", "Drama"]),
    ],
)
def test_one_or_two_genres(genres: str, tags: list[str]) -> None:
    work = parse_text(dump(genres=genres))
    assert work.additional_tags == tags
    assert work.summary == SUMMARY


def test_unknown_genre_in_genre_position_is_kept_as_doubtful_tag() -> None:
    work = parse_text(dump(genres="Romance / Slice of Life"))
    assert work.additional_tags == ["Romance", "Slice of Life"]
    assert work.summary == SUMMARY
    assert [p.severity for p in work.problems if p.field == "additional_tags"] == ["doubtful"]


def test_multi_line_and_multi_paragraph_summary() -> None:
    text = f"First line of the summary.\nSecond line.\n\nA second paragraph.\n\nDrama\nAge Rating:\n\n{PROSE}\n"
    assert parse_text(text).summary == "First line of the summary.\nSecond line.\n\nA second paragraph."


def test_header_without_age_rating_line_is_detected_by_genre_and_reviews() -> None:
    text = f"{SUMMARY}\n\nMystery / Horror\n4.1 27 reviews\n\nChapter 1\n\n{PROSE}\n"
    assert detect_layout(text) == "inkitt-text"
    work = parse_text(text)
    assert work.additional_tags == ["Mystery", "Horror"]
    assert work.chapters[0].paragraphs == [PROSE]


@pytest.mark.parametrize("ending", ["The End.", "The End", "THE END", "~The End~", "the end!", "*The End*"])
def test_the_end_is_kept_and_marks_the_work_complete(ending: str) -> None:
    work = parse_text(dump(body=f"Chapter 1\n\n{PROSE}\n\nChapter 2\n\nLast words.\n\n{ending}\n"))
    assert work.chapters[-1].paragraphs == ["Last words.", ending]
    assert work.complete is True
    assert work.expected_chapters == 2


def test_the_end_on_the_last_line_of_the_last_paragraph() -> None:
    work = parse_text(dump(body=f"{PROSE}\nThe End.\n"))
    assert work.chapters[0].paragraphs == [f"{PROSE}\nThe End."]
    assert work.complete is True


def test_without_the_end_completeness_is_unknown() -> None:
    work = parse_text(dump(body=f"{PROSE}\n\nThe end of the road was near.\n"))
    assert work.complete is None and work.expected_chapters is None


def test_multi_chapter_split_keeps_every_paragraph_in_order() -> None:
    body = "\n\n".join(f"Chapter {n}\n\nParagraph {n}a.\n\nParagraph {n}b." for n in range(1, 6))
    work = parse_text(dump(body=body))
    assert [chapter.paragraphs for chapter in work.chapters] == [
        [f"Paragraph {n}a.", f"Paragraph {n}b."] for n in range(1, 6)
    ]


def test_text_before_the_first_heading_is_kept_as_its_own_chapter() -> None:
    work = parse_text(dump(body=f"Thanks for reading!\n\nChapter 1\n\n{PROSE}\n"))
    assert [chapter.paragraphs for chapter in work.chapters] == [["Thanks for reading!"], [PROSE]]
    assert [p.severity for p in work.problems if p.field == "chapters"] == ["info"]


def test_heading_without_text_is_reported() -> None:
    work = parse_text(dump(body=f"Chapter 1\n\n{PROSE}\n\nChapter 2\n\nChapter 3\n\nMore.\n"))
    assert [len(chapter.paragraphs) for chapter in work.chapters] == [1, 0, 1]
    assert [p.severity for p in work.problems if p.field == "chapters"] == ["doubtful"]


def test_crlf_input() -> None:
    work = load("inkitt_crlf.txt")
    assert work.summary == "Nobody in the village remembers who built the bridge."
    assert [(c.title, c.paragraphs) for c in work.chapters] == [
        ("Prologue", ["The bridge was older than the river. That was the first strange thing."]),
        ("Epilogue", ["In the end it was only a bridge, and we crossed it."]),
    ]
    inline = parse_text(dump(body=f"Chapter 1\n\n{PROSE}\nSecond line.\n").replace("\n", "\r\n"))
    assert inline.chapters[0].paragraphs == [f"{PROSE}\nSecond line."]


def test_cp1252_input_reports_cp1252() -> None:
    work = load("inkitt_cp1252.txt")
    assert work.encoding == "cp1252"
    assert work.rating == MATURE
    assert work.summary == "A café at the edge of the map, and the woman who runs it."
    assert work.chapters[0].paragraphs == [
        "“Closed,” said Noémie, though the door was open—it always was…",
        "The traveller sat down anyway and ordered a crème brûlée.",
    ]


def test_utf8_bom_input_reports_utf8_sig() -> None:
    work = load("inkitt_bom.txt")
    assert work.encoding == "utf-8-sig"
    assert work.summary == "Two ghosts argue about whose house it is."
    assert work.additional_tags == ["Horror", "Humor"]
    assert len(work.chapters[0].paragraphs) == 2


def test_text_with_a_leading_bom_character_parses_the_same() -> None:
    assert parse_text("\ufeff" + dump()).summary == SUMMARY


def test_header_without_prose_is_rejected() -> None:
    with pytest.raises(ImportRejected) as info:
        load("inkitt_header_only.txt")
    assert info.value.code == "no-prose"


def test_header_with_only_a_heading_is_rejected() -> None:
    with pytest.raises(ImportRejected) as info:
        parse_text(dump(body="Chapter 1\n\n"))
    assert info.value.code == "no-prose"


def test_age_rating_value_on_the_next_line_is_read() -> None:
    text = "A short summary.\n\nRomance / Drama\nAge Rating:\n16+\n\nChapter 1\n\nThe rain kept on.\n"
    work = parse_text(text)
    assert work.rating == "Mature"
    assert work.chapters[0].paragraphs == ["The rain kept on."]


def test_empty_age_rating_does_not_take_a_story_line_that_looks_like_a_number() -> None:
    text = "A short summary.\n\nRomance / Drama\nAge Rating:\n16 candles burned.\n\nThe rain kept on.\n"
    work = parse_text(text)
    assert work.rating is None
    assert work.chapters[0].paragraphs[0] == "16 candles burned."


# --- A dump that kept the story's title (issue 15) ------------------------------------------------------------


def test_a_title_line_above_the_summary_is_the_title() -> None:
    work = parse_text(f"The Bridge at Low Water\n\n{dump()}")
    assert work.title == "The Bridge at Low Water"
    assert work.summary == SUMMARY
    assert work.chapters[0].paragraphs == [PROSE]


def test_a_title_and_byline_above_the_rights_line() -> None:
    work = parse_text(f"The Bridge at Low Water\nby Tamsin Oake\n\n{dump(rights='[All Rights Reserved ©]')}")
    assert (work.title, work.creators) == ("The Bridge at Low Water", ["Tamsin Oake"])
    assert work.extras["Rights"] == "All Rights Reserved ©"
    assert work.summary == SUMMARY


def test_a_summary_sentence_is_not_taken_for_a_title() -> None:
    work = parse_text(f"Nobody crosses after dark.\n\n{dump()}")
    assert work.title is None
    assert work.summary == f"Nobody crosses after dark.\n\n{SUMMARY}"
