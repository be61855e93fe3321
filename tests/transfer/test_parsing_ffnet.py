"""FanFiction.Net page dumps: the stat line and the lines above it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from scriptorium.tags.vocabulary import EXPLICIT, GENERAL, MATURE, TEEN
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext import detect_layout, parse_text

SAMPLES = Path(__file__).parent / "samples"
PROSE = "The rain had not stopped for three days, and the gutters sang about it."


def load(name: str) -> ParsedWork:
    return parse_text((SAMPLES / name).read_text(encoding="utf-8"))


def page(stat: str, top: str = "A Small Title\nBy: someone") -> ParsedWork:
    return parse_text(f"{top}\n{stat}\n\n{PROSE}\n")


def test_full_page_sample() -> None:
    work = load("ffnet_page.txt")
    assert work.source_format == "ffnet-text"
    assert work.title == "Paper Cranes"
    assert work.creators == ["quietharbor"]
    assert work.summary.startswith("Natasha teaches Steve to fold a paper crane.")
    assert work.fandoms == ["Avengers"]
    assert work.rating == TEEN
    assert work.language == "en"
    assert work.additional_tags == ["Romance", "Hurt/Comfort"]
    assert work.relationships == ["Steve R./Natasha R."]
    assert work.characters == ["Steve R.", "Natasha R.", "Sam W."]
    assert work.complete is True and work.expected_chapters == 2
    assert work.published == datetime.date(2015, 5, 1)
    assert work.updated == datetime.date(2015, 6, 2)
    assert work.extras == {
        "Chapters": "2",
        "Words": "2,310",
        "Reviews": "14",
        "Favs": "31",
        "Follows": "12",
        "id": "1234567",
    }
    assert work.warnings == []
    assert "warnings" in {p.field for p in work.problems}


def test_page_text_one_paragraph_per_line_and_chapter_headings() -> None:
    work = load("ffnet_page.txt")
    assert [chapter.title for chapter in work.chapters] == ["Folds", "A Thousand"]
    assert work.chapters[0].paragraphs[1] == "“Valley fold,” she said. “No—the other way. Steve. The other way.”"
    assert len(work.chapters[0].paragraphs) == 3
    assert len(work.chapters[1].paragraphs) == 2


def test_minimal_page_without_title_or_author() -> None:
    work = load("ffnet_minimal.txt")
    assert work.title is None and work.creators == []
    assert {"title", "creators", "fandoms"} <= {p.field for p in work.problems}
    assert work.rating == GENERAL
    assert work.language == "es"
    assert work.published == datetime.date(2012, 3, 14)
    assert work.updated is None
    assert work.characters == [] and work.relationships == [] and work.additional_tags == []
    assert work.chapters[0].paragraphs == [
        "La tetera silbó dos veces antes de que alguien se levantara a apagarla.",
        "Afuera seguía lloviendo, y nadie tenía prisa.",
    ]


def test_incomplete_crossover_page() -> None:
    work = load("ffnet_incomplete.txt")
    assert work.fandoms == ["Harry Potter", "Avengers"]
    assert (work.title, work.creators) == ("The Wrong Portkey", ["inkwell_owl"])
    assert work.rating == MATURE
    assert work.characters == ["Hermione G.", "Tony S."]
    assert work.relationships == []
    assert work.complete is False and work.expected_chapters is None
    # "Updated: Jan 5" has no year: not guessed, kept and reported.
    assert work.updated is None and work.extras["Updated"] == "Jan 5"
    assert {(p.field, p.severity) for p in work.problems} >= {
        ("updated", "doubtful"),
        ("chapters", "doubtful"),
    }


@pytest.mark.parametrize(
    ("people", "relationships", "characters"),
    [
        ("[Steve R., Natasha R.] Sam W.", ["Steve R./Natasha R."], ["Steve R.", "Natasha R.", "Sam W."]),
        (
            "[Steve R., Natasha R.] [Bucky B., Sam W.]",
            ["Steve R./Natasha R.", "Bucky B./Sam W."],
            ["Steve R.", "Natasha R.", "Bucky B.", "Sam W."],
        ),
        ("[Tony S., Pepper P., Rhodey]", ["Tony S./Pepper P./Rhodey"], ["Tony S.", "Pepper P.", "Rhodey"]),
        ("Sam W., Natasha R.", [], ["Sam W.", "Natasha R."]),
        ("Clint B.", [], ["Clint B."]),
        ("Thor, [Jane F., Darcy L.]", ["Jane F./Darcy L."], ["Thor", "Jane F.", "Darcy L."]),
    ],
)
def test_characters_and_pairings(people: str, relationships: list[str], characters: list[str]) -> None:
    work = page(f"Rated: Fiction T - English - Drama - {people} - Words: 1,000 - Published: 1/2/2020 - id: 1")
    assert work.relationships == relationships
    assert work.characters == characters
    assert work.additional_tags == ["Drama"]


@pytest.mark.parametrize(
    ("stat", "expected"),
    [
        (
            "Rated: Fiction K - English - Words: 500 - Published: 2/3/2011 - id: 5",
            {"rating": GENERAL, "language": "en", "tags": [], "characters": []},
        ),
        (
            "Rated: Fiction MA - French - Romance - Words: 9,000 - id: 6",
            {"rating": EXPLICIT, "language": "fr", "tags": ["Romance"], "characters": []},
        ),
        (
            "Rated: Fiction M - German - Sam W. - id: 7",
            {"rating": MATURE, "language": "de", "tags": [], "characters": ["Sam W."]},
        ),
        (
            "Rated: Fiction T - English - Humor/Parody - Chapters: 4 - Status: Complete - id: 8",
            {"rating": TEEN, "language": "en", "tags": ["Humor", "Parody"], "characters": []},
        ),
        (
            "Rated: T - English - Sci-Fi/Hurt/Comfort - id: 9",
            {"rating": TEEN, "language": "en", "tags": ["Sci-Fi", "Hurt/Comfort"], "characters": []},
        ),
        ("Rated: Fiction K+", {"rating": GENERAL, "language": None, "tags": [], "characters": []}),
    ],
    ids=["no-genre", "ma-french", "no-genre-with-characters", "two-genres", "no-fiction-word", "rating-only"],
)
def test_stat_line_with_missing_fields(stat: str, expected: dict[str, object]) -> None:
    work = page(stat)
    assert work.rating == expected["rating"]
    assert work.language == expected["language"]
    assert work.additional_tags == expected["tags"]
    assert work.characters == expected["characters"]
    assert work.chapters[0].paragraphs == [PROSE]
    if expected["language"] is None:
        assert "language" in {p.field for p in work.problems}


def test_status_complete_sets_expected_chapters_from_the_site() -> None:
    work = page("Rated: Fiction T - English - Chapters: 4 - Status: Complete - id: 8")
    assert work.complete is True and work.expected_chapters == 4
    assert work.extras["Chapters"] == "4"


def test_no_status_means_in_progress_on_ffnet() -> None:
    work = page("Rated: Fiction T - English - Chapters: 4 - id: 8")
    assert work.complete is False and work.expected_chapters is None


@pytest.mark.parametrize(
    ("top", "title", "creators", "summary"),
    [
        ("Paper Boats\nBy: driftwood", "Paper Boats", ["driftwood"], ""),
        ("Paper Boats\nby driftwood\nA summary line.", "Paper Boats", ["driftwood"], "A summary line."),
        ("Follow/Fav Paper Boats\nBy: driftwood", "Paper Boats", ["driftwood"], ""),
        ("Follow/Fav\nPaper Boats\nBy: driftwood", "Paper Boats", ["driftwood"], ""),
        ("TV Shows » Doctor Who\nPaper Boats\nBy: driftwood", "Paper Boats", ["driftwood"], ""),
        ("Paper Boats\nA summary line.", "Paper Boats", [], "A summary line."),
        ("Paper Boats", "Paper Boats", [], ""),
        ("A summary that ends like a sentence.", None, [], "A summary that ends like a sentence."),
    ],
)
def test_lines_above_the_stat_line(top: str, title: str | None, creators: list[str], summary: str) -> None:
    work = page("Rated: Fiction T - English - id: 1", top=top)
    assert (work.title, work.creators, work.summary) == (title, creators, summary)


def test_breadcrumb_gives_the_fandom() -> None:
    work = page("Rated: Fiction T - English - id: 1", top="TV Shows » Doctor Who\nPaper Boats\nBy: driftwood")
    assert work.fandoms == ["Doctor Who"]
    assert "fandoms" not in {p.field for p in work.problems}


def test_unrecognised_dates_are_kept_and_reported() -> None:
    work = page("Rated: Fiction T - English - Updated: 3h ago - Published: 13/45/2015 - id: 1")
    assert work.published is None and work.updated is None
    assert work.extras["Published"] == "13/45/2015"
    assert {"published", "updated"} <= {p.field for p in work.problems if p.severity == "doubtful"}


def test_navigation_chrome_around_the_text_is_dropped() -> None:
    work = parse_text(f"T\nBy: a\nRated: Fiction T - English - id: 1\n< Prev\n\n{PROSE}\n\nNext >\n")
    assert work.chapters[0].paragraphs == [PROSE]


def test_detection() -> None:
    assert detect_layout((SAMPLES / "ffnet_page.txt").read_text(encoding="utf-8")) == "ffnet-text"
    assert detect_layout(f"Rated: R for violence, honestly\n\n{PROSE}\n") == "plain-text"
