"""FanFicFare TXT: title page labels, table of contents, wrapped chapters, "End file."."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

from scriptorium.tags.vocabulary import EXPLICIT, MAJOR_CHARACTER_DEATH, NO_WARNINGS_APPLY, TEEN, VIOLENCE
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext import detect_layout, parse_text

SAMPLES = Path(__file__).parent / "samples"
LONG = (
    "The archive closed at six, but nobody had ever told the archivist, who went on filing index cards "
    "long after the lights had been switched off at the wall and the cleaners had gone home singing."
)


def wrapped(text: str, width: int = 78) -> str:
    return "\n".join(textwrap.fill(line, width) if line else "" for line in text.split("\n"))


def fff(
    labels: dict[str, str],
    chapters: list[tuple[str, list[str]]],
    *,
    toc: bool = True,
    end: bool = True,
    indent: str = "        ",
    width: int = 78,
) -> str:
    """Render a story the way FanFicFare's TXT writer lays it out."""
    out = "\n\n\nThe Index Cards\n\nby Quill\n\n\n\n"
    out += wrapped("".join(f"{label}: {value}\n" for label, value in labels.items()), width) + "\n\n\n"
    if toc:
        out += "\n\nTABLE OF CONTENTS\n\n" + "".join(f"\n{title}\n" for title, _ in chapters) + "\n"
    for title, paragraphs in chapters:
        out += f"\n\n{indent}{title}\n\n" + "\n\n".join(textwrap.fill(p, width) for p in paragraphs) + "\n"
    if end:
        out += "\n\nEnd file.\n"
    return out


def test_sample_metadata() -> None:
    work = parse_text((SAMPLES / "fanficfare.txt").read_text(encoding="utf-8"))
    assert work.source_format == "fanficfare-txt"
    assert work.title == "The Quiet Floor"
    assert work.creators == ["lanternlight", "Marginalia"]
    assert work.fandoms == ["Marvel Cinematic Universe", "Captain America (Movies)"]
    assert work.additional_tags == ["Angst", "Hurt/Comfort", "Slow Burn"]
    assert work.categories == ["F/M"]
    assert work.language == "en"
    assert work.characters == ["Steve Rogers", "Natasha Romanov (Marvel)", "Sam Wilson"]
    assert work.relationships == ["Natasha Romanov/Steve Rogers"]
    assert work.complete is True and work.expected_chapters == 2
    assert work.published == datetime.date(2016, 3, 4)
    assert work.updated == datetime.date(2016, 4, 18)
    assert work.rating == TEEN
    assert work.warnings == [NO_WARNINGS_APPLY]
    assert work.summary == (
        "The library on the fourth floor of the new compound is supposed to be quiet. Natasha has opinions "
        "about the word supposed. Steve has a sketchbook and a well-hidden talent for sitting very still."
    )
    assert work.extras == {
        "Packaged": "2024-11-02 09:15:44",
        "Chapters": "2",
        "Words": "1,204",
        "Publisher": "archiveofourown.org",
        "Kudos": "88",
    }
    assert work.problems == []


def test_sample_chapters_are_rejoined_and_end_file_is_dropped() -> None:
    work = parse_text((SAMPLES / "fanficfare.txt").read_text(encoding="utf-8"))
    assert [chapter.title for chapter in work.chapters] == ["Shelving", "Overdue"]
    first, second = work.chapters
    assert first.paragraphs[0] == (
        "Nobody had told Steve that the fourth floor had a librarian. Then again, nobody had told the "
        "librarian either: Natasha had simply started sitting at the desk by the window one week, stamping "
        "things that did not need stamping, and by the second week people were returning books to her."
    )
    assert first.paragraphs[1] == "“You’re late,” she said, without looking up. “That one was due Tuesday.”"
    assert second.paragraphs == [
        (
            "The fine, it turned out, was one sketch. Of her, specifically, and she would know if he cheated and "
            "drew the window instead—she always knew."
        ),
        # html2text's line break (two trailing spaces) stays a line break; the no-break space survives.
        (
            "He drew her at the desk, half turned toward the light, and under it he wrote the date and the "
            "word\u00a0paid.\nShe kept it in the returns drawer, which nobody ever opened."
        ),
    ]
    assert all("End file." not in p for chapter in work.chapters for p in chapter.paragraphs)


@pytest.mark.parametrize("indent", ["\t", "        "], ids=["tab", "spaces"])
@pytest.mark.parametrize("width", [78, 60], ids=["w78", "w60"])
def test_wrapped_lines_are_rejoined(indent: str, width: int) -> None:
    text = fff({"Status": "In-Progress"}, [("One", [LONG, LONG]), ("Two", [LONG])], indent=indent, width=width)
    assert max(len(line) for line in text.split("\n")) <= width
    work = parse_text(text)
    assert [(c.title, c.paragraphs) for c in work.chapters] == [("One", [LONG, LONG]), ("Two", [LONG])]
    assert work.complete is False and work.expected_chapters is None


def test_unwrapped_file_keeps_long_lines() -> None:
    work = parse_text(fff({}, [("Only", [LONG, "Short."])], width=10_000))
    assert work.chapters[0].paragraphs == [LONG, "Short."]


def test_short_lines_inside_a_wrapped_paragraph_are_line_breaks() -> None:
    poem = "Roses are red,\nthe archive is grey,\nI filed it all\nand went on my way."
    text = fff({}, [("Verse", [LONG])]).replace(textwrap.fill(LONG, 78), textwrap.fill(LONG, 78) + "\n\n" + poem)
    assert parse_text(text).chapters[0].paragraphs == [LONG, poem]


def test_word_split_at_its_hyphen_is_rejoined() -> None:
    # textwrap (which FanFicFare uses) may break "card-carrying" after its hyphen.
    sentence = next(
        text
        for n in range(40)
        if "card-\n" in textwrap.fill(text := "tick " * n + "she was a card-carrying member of the society", 78)
    )
    paragraph = sentence + " for the preservation of index cards and other relics of a tidier age."
    work = parse_text(fff({}, [("One", [paragraph, LONG])]))
    assert work.chapters[0].paragraphs[0] == paragraph


def test_labels_map_onto_fields() -> None:
    labels = {
        "Category": "Original Work",
        "Genre": "Drama, Gen",
        "Freeform Tags": "Libraries, Found Family",
        "AO3 Categories": "Gen, Multi",
        "Language": "Español",
        "Characters": "The Archivist, The Cleaner",
        "Relationships": "The Archivist & The Cleaner",
        "Status": "Completed",
        "Published": "2020-01-02",
        "Updated": "2021-02-03",
        "Rating": "Explicit",
        "Warnings": "Graphic Depictions Of Violence, Major Character Death",
        "Chapters": "3",
        "Series": "Cards [2]",
        "Story URL": "https://example.org/works/1",
    }
    work = parse_text(fff(labels, [("One", [LONG])]))
    assert work.fandoms == ["Original Work"]
    assert work.additional_tags == ["Drama", "Libraries", "Found Family"]
    assert work.categories == ["Gen", "Multi"]
    assert work.language == "es"
    assert work.characters == ["The Archivist", "The Cleaner"]
    assert work.relationships == ["The Archivist & The Cleaner"]
    assert work.rating == EXPLICIT
    assert work.warnings == [VIOLENCE, MAJOR_CHARACTER_DEATH]
    assert (work.published, work.updated) == (datetime.date(2020, 1, 2), datetime.date(2021, 2, 3))
    assert work.complete is True and work.expected_chapters == 3
    assert (work.series_title, work.series_position) == ("Cards", 2)
    assert work.extras["Story URL"] == "https://example.org/works/1"


def test_ffnet_story_through_fanficfare() -> None:
    labels = {
        "Category": "Avengers",
        "Genre": "Romance, Hurt/Comfort",
        "Rating": "T",
        "Status": "In-Progress",
        "Published": "2015-05-01",
        "Chapters": "1/?",
    }
    work = parse_text(fff(labels, [("Chapter 1: Folds", [LONG])]))
    assert work.rating == TEEN
    assert work.additional_tags == ["Romance", "Hurt/Comfort"]
    assert work.chapters[0].title == "Folds"
    assert work.complete is False and work.expected_chapters is None


def test_total_chapters_label() -> None:
    work = parse_text(fff({"Chapters/Total Chapters": "1/5"}, [("One", [LONG])]))
    assert work.expected_chapters == 5


def test_site_warnings_that_are_not_ao3_warnings_go_to_extras() -> None:
    work = parse_text(fff({"Warnings": "Character Death, Mild Language"}, [("One", [LONG])]))
    assert work.warnings == []
    assert work.extras["Warnings"] == "Character Death, Mild Language"
    assert "warnings" in {p.field for p in work.problems}


@pytest.mark.parametrize(
    ("label", "value", "field"),
    [
        ("Rating", "Spicy", "rating"),
        ("Language", "Klingon", "language"),
        ("Published", "someday", "published"),
    ],
)
def test_unrecognised_values_are_kept_and_doubtful(label: str, value: str, field: str) -> None:
    work = parse_text(fff({label: value}, [("One", [LONG])]))
    assert work.extras[label] == value
    assert (field, "doubtful") in {(p.field, p.severity) for p in work.problems}


def test_long_summary_wraps_and_multi_paragraph_summary() -> None:
    summary = "First paragraph of the summary, which is long enough to be wrapped by the writer at least once."
    text = fff({"Summary": summary + "\n\nSecond paragraph.", "Words": "10"}, [("One", [LONG])])
    work = parse_text(text)
    assert work.summary == summary + "\n\nSecond paragraph."
    assert work.extras["Words"] == "10"


def test_without_table_of_contents() -> None:
    work = parse_text(fff({"Status": "Completed"}, [("The Only Chapter", [LONG, "Fin."])], toc=False))
    assert [(c.title, c.paragraphs) for c in work.chapters] == [("The Only Chapter", [LONG, "Fin."])]
    assert work.complete is True and work.expected_chapters == 1


def test_chapter_titles_follow_the_table_of_contents() -> None:
    # An indented line inside a chapter (a code block, say) is not taken for a chapter start.
    text = fff({}, [("One", [LONG]), ("Two", [LONG])]).replace(
        "\n\n        Two\n", "\n\n    indented but not a title\n\n        Two\n"
    )
    work = parse_text(text)
    assert [chapter.title for chapter in work.chapters] == ["One", "Two"]
    assert work.chapters[0].paragraphs == [LONG, "indented but not a title"]


def test_missing_end_file_is_reported() -> None:
    work = parse_text(fff({"Status": "Completed"}, [("One", [LONG])], end=False))
    assert work.source_format == "fanficfare-txt"
    assert work.chapters[0].paragraphs == [LONG]
    assert ("chapters", "doubtful") in {(p.field, p.severity) for p in work.problems}


def test_the_end_written_by_the_author_is_kept() -> None:
    work = parse_text(fff({}, [("One", [LONG, "The End."])]))
    assert work.chapters[0].paragraphs[-1] == "The End."
    assert work.complete is True


def test_detection() -> None:
    assert detect_layout(fff({}, [("One", [LONG])])) == "fanficfare-txt"
    assert detect_layout(fff({"Status": "Completed", "Words": "3"}, [("One", [LONG])], end=False)) == ("fanficfare-txt")


def test_labels_only_is_rejected() -> None:
    from scriptorium.transfer.parsed import ImportRejected

    with pytest.raises(ImportRejected) as info:
        parse_text("\n\nThe Index Cards\n\nby Quill\n\nStatus: Completed\nWords: 0\n\nTABLE OF CONTENTS\n\nEnd file.\n")
    assert info.value.code == "no-prose"


def test_work_is_a_parsed_work() -> None:
    assert isinstance(parse_text(fff({}, [("One", [LONG])])), ParsedWork)


def test_warnings_by_their_short_and_older_names() -> None:
    from scriptorium.transfer.parsed import ParsedWork
    from scriptorium.transfer.plaintext.fanficfare import _apply

    work = ParsedWork()
    _apply("Warnings", "Choose Not To Use Archive Warnings, Underage", work, {})
    assert work.warnings == ["Creator Chose Not To Use Archive Warnings", "Underage Sex"]
    assert "Warnings" not in work.extras
