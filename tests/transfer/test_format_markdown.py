"""Markdown: a front block of metadata, "#" title, "##" chapters, formatting kept, raw HTML sanitized."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.services import work_import

SAMPLES = Path(__file__).parent / "samples" / "markdown"
MB = 1024 * 1024


def _parse(data: bytes | str, filename: str = "story.md"):
    return parse_file(data.encode() if isinstance(data, str) else data, filename, max_bytes=10 * MB)


def test_front_matter_and_chapters() -> None:
    work = _parse((SAMPLES / "front_matter.md").read_bytes())
    assert work.source_format == "markdown"
    assert work.title == "The Orchard Ledger"
    assert work.creators == ["Pim Hollis"]
    assert work.rating == "Mature"
    assert work.warnings == ["Graphic Depictions Of Violence"]
    assert work.categories == ["F/F"]
    assert work.fandoms == ["Original Work"]
    assert work.relationships == ["Ada/Corrie"]
    assert work.characters == ["Ada", "Corrie"]
    assert work.additional_tags == ["Orchards", "Bookkeeping", "Found Family"]
    assert work.language == "en"
    assert (work.series_title, work.series_position) == ("Ledgers", 2)
    assert work.published == datetime.date(2023, 9, 1)
    assert work.complete is True
    assert work.summary == "An orchard keeps two sets of books. Only one of them is about apples."
    assert [c.title for c in work.chapters] == ["Windfall", "Graft"]
    assert "<em>oilcloth</em>" in work.chapters[0].html
    assert "<strong>not meant to</strong>" in work.chapters[0].html
    assert "<hr>" in work.chapters[1].html  # "* * *" scene break
    assert not [p for p in work.problems if p.severity != "info"]


def test_headings_without_front_matter_and_hostile_html() -> None:
    work = _parse((SAMPLES / "headings_only.md").read_bytes())
    assert work.title == "Night Ferry"
    assert [c.title for c in work.chapters] == ["Outbound", "Inbound"]
    last = work.chapters[1].html
    assert "script" not in last and "cookie" not in last
    assert "onmouseover" not in last and "javascript" not in last
    assert "<p>The geese knew.</p>" in last


def test_key_value_block_without_dashes() -> None:
    text = (
        "Title: Small Hours\nAuthor: Rue Calder\nRating: General Audiences\n\n"
        "The clock struck two, then thought better of it.\n"
    )
    work = _parse(text)
    assert (work.title, work.creators, work.rating) == ("Small Hours", ["Rue Calder"], "General Audiences")
    assert work.chapters[0].paragraphs == ["The clock struck two, then thought better of it."]


def test_prose_starting_with_a_colon_line_is_not_metadata() -> None:
    text = "Note to self: buy bread.\n\nThat was the whole note. Then the story began.\n"
    work = _parse(text)
    assert work.title is None
    assert work.chapters[0].paragraphs[0] == "Note to self: buy bread."


def test_several_top_level_headings_are_chapters() -> None:
    text = "# Spring\n\nBuds.\n\n# Summer\n\nHeat.\n\n# Autumn\n\nLeaves.\n"
    work = _parse(text)
    assert work.title is None
    assert [(c.title, c.paragraphs) for c in work.chapters] == [
        ("Spring", ["Buds."]),
        ("Summer", ["Heat."]),
        ("Autumn", ["Leaves."]),
    ]


def test_empty_heading_is_dropped_and_reported() -> None:
    work = _parse("# Title\n\n## Part One\n\n## Chapter 1: Start\n\nIt began.\n")
    assert [c.title for c in work.chapters] == ["Start"]
    assert any("Part One" in p.message for p in work.problems)


@pytest.mark.django_db
def test_markdown_import_through_the_service() -> None:
    result = work_import(data=(SAMPLES / "front_matter.md").read_bytes(), filename="ledger.md")
    work = result.work
    assert work.posted and work.title == "The Orchard Ledger"
    assert work.rating == "Mature"
    assert [c.title for c in work.chapters.order_by("position")] == ["Windfall", "Graft"]
    assert "<em>oilcloth</em>" in work.chapters.get(position=1).text


@pytest.mark.django_db
def test_overlong_summary_and_too_many_tags_are_trimmed_not_fatal() -> None:
    summary = " ".join(["The harbour was quiet."] * 120)  # about 2,800 characters
    tags = ", ".join(f"Tag {n}" for n in range(1, 91))
    text = f"---\ntitle: Long Summary\nsummary: {summary}\ntags: [{tags}]\n---\n\nThe story itself is short.\n"
    result = work_import(data=text.encode(), filename="long.md")
    work = result.work
    assert len(work.summary) <= 1250 and work.summary.rstrip("</p>").endswith("…")
    assert work.tags.filter(type="additional").count() == 75
    fields = {p.field: p.message for p in result.problems if p.severity == "doubtful"}
    assert "shortened" in fields["summary"]
    assert "15 additional tags were left out" in fields["additional_tags"]


# --- Metadata headers written as lines, YAML front matter (issue 15) ------------------------------------------


def test_bold_label_lines_under_the_title_are_metadata() -> None:
    text = (
        "# Ferry Lights\n\nby Ines Calloway\n\n"
        "**Rating:** Teen And Up Audiences  \n**Fandom:** Original Work  \n**Tags:** Ferries, Night  \n"
        "**Summary:**\n\nThe last ferry leaves at midnight.\n\nNobody checks the tickets.\n\n---\n\n"
        "The deckhand counted the lights on the far shore, as he did every night.\n\n"
        "Tonight there was one more.\n"
    )
    work = _parse(text)
    assert work.title == "Ferry Lights"
    assert work.creators == ["Ines Calloway"]
    assert work.rating == "Teen And Up Audiences"
    assert work.fandoms == ["Original Work"]
    assert work.additional_tags == ["Ferries", "Night"]
    assert work.summary == "The last ferry leaves at midnight.\n\nNobody checks the tickets."
    assert work.chapters[0].paragraphs == [
        "The deckhand counted the lights on the far shore, as he did every night.",
        "Tonight there was one more.",
    ]


def test_yaml_front_matter_with_nested_lists_and_dates() -> None:
    text = (
        "---\ntitle: 'Salt: A Love Story'\nauthors:\n  - Ines Calloway\n  - Bo Lund\nrating: Explicit\n"
        "published: 2022-05-06\ntags: [Salt, 'Sea, Sky']\nsummary: >\n  Two people and\n  a salt flat.\n---\n\n"
        "The flat was white to the edge of the world.\n"
    )
    work = _parse(text)
    assert work.title == "Salt: A Love Story"
    assert work.creators == ["Ines Calloway", "Bo Lund"]
    assert work.rating == "Explicit"
    assert work.published == datetime.date(2022, 5, 6)
    assert work.summary == "Two people and a salt flat."
    assert work.additional_tags == ["Salt", "Sea, Sky"]
    assert work.chapters[0].paragraphs == ["The flat was white to the edge of the world."]


def test_one_colon_line_opening_a_story_stays_story_text() -> None:
    work = _parse("# Tea\n\nNote: the kettle whistles.\n\nShe let it.\n")
    assert work.chapters[0].paragraphs == ["Note: the kettle whistles.", "She let it."]
