"""Single-file HTML: AO3's download with its preface, and ordinary pages."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.services import work_import
from scriptorium.works.models import Series

SAMPLES = Path(__file__).parent / "samples" / "html"
AO3_HTML = (SAMPLES / "ao3_download.html").read_bytes()
MB = 1024 * 1024


def _parse(data: bytes | str, filename: str = "story.html"):
    return parse_file(data.encode() if isinstance(data, str) else data, filename, max_bytes=10 * MB)


def test_ao3_preface_fills_every_field() -> None:
    work = _parse(AO3_HTML)
    assert work.source_format == "ao3-html"
    assert work.title == "Lanterns Over the Harbour"
    assert work.creators == ["quietmoth"]
    assert work.rating == "Teen And Up Audiences"
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.categories == ["F/M"]
    assert work.fandoms == ["Marvel Cinematic Universe", "The Avengers (Marvel Movies)"]
    assert work.relationships == ["Natasha Romanov/Steve Rogers"]
    assert work.characters == ["Natasha Romanov (Marvel)", "Steve Rogers", "Sam Wilson"]
    assert work.additional_tags == ["Slow Burn", "Fluff"]
    assert work.language == "en"
    assert (work.series_title, work.series_position) == ("Harbour Nights", 2)
    assert work.published == datetime.date(2021, 3, 4)
    assert work.updated == datetime.date(2021, 4, 11)
    assert (work.complete, work.expected_chapters) == (False, 3)
    assert work.summary.startswith("The festival needs two hundred paper lanterns")
    assert work.notes == "Written for a prompt about small hands doing careful work."
    assert work.end_notes == "Thank you for reading!"
    assert not work.problems


def test_ao3_chapters_with_their_notes() -> None:
    first, second = _parse(AO3_HTML).chapters
    assert first.title == "Paper"
    assert first.notes == "Short one to start."
    assert first.end_notes == "More lanterns soon."
    assert "<em>“This will tear if you breathe on it.”</em>" in first.html
    assert "<strong>held</strong>" in first.html
    assert second.title == ""
    assert second.paragraphs == [
        "By the second night the warehouse glowed like a jar of fireflies.",
        "Sam counted one hundred and ninety-eight, and then, grudgingly, two more.",
    ]
    for text in (first.html, second.html):
        assert "Posted originally" not in text and "drop by the Archive" not in text and "Rating" not in text


def test_ao3_one_shot_has_its_text_straight_in_chapters() -> None:
    html = AO3_HTML.decode()
    start, end = html.index('<div id="chapters"'), html.index('<div id="afterword">')
    one_shot = (
        html[:start]
        + '<div id="chapters" class="userstuff"><p>Only one scene.</p><p>It ends here.</p></div>\n'
        + html[end:]
    )
    work = _parse(one_shot)
    assert len(work.chapters) == 1
    assert work.chapters[0].paragraphs == ["Only one scene.", "It ends here."]


@pytest.mark.django_db
def test_ao3_html_import_creates_tags_series_and_chapters() -> None:
    result = work_import(data=AO3_HTML, filename="lanterns.html")
    work = result.work
    assert work.posted and work.title == "Lanterns Over the Harbour"
    assert work.import_format == "ao3-html"
    assert work.rating == "Teen And Up Audiences"
    assert sorted(t.name for t in work.tags.filter(type="fandom")) == [
        "Marvel Cinematic Universe",
        "The Avengers (Marvel Movies)",
    ]
    assert [t.name for t in work.tags.filter(type="category")] == ["F/M"]
    chapters = list(work.chapters.order_by("position"))
    assert [c.title for c in chapters] == ["Paper", ""]
    assert "<em>" in chapters[0].text and "<strong>held</strong>" in chapters[0].text
    assert "More lanterns soon." in chapters[0].end_notes
    assert work.expected_chapters == 3 and not work.complete
    series = Series.objects.get()
    assert series.title == "Harbour Nights"
    assert series.parts.get().position == 2


def test_scripts_handlers_and_javascript_urls_are_stripped() -> None:
    chapter = _parse(AO3_HTML).chapters[0].html
    assert "<script" not in chapter and "alert" not in chapter
    assert "onclick" not in chapter
    assert "javascript:" not in chapter
    assert 'href="https://example.org/origami"' in chapter
    assert "click me said nobody." in chapter  # a javascript: link loses its link, not its words


HOSTILE_PAGE = """<!DOCTYPE html><html><head><title>Tidewater</title>
<script>fetch('/steal?c=' + document.cookie)</script></head>
<body onload="evil()">
<h1>Tidewater</h1>
<p onmouseover="evil()">The tide came in <a href="JaVaScRiPt:evil()">sideways</a> that night.</p>
<p><img src="x" onerror="evil()"/>Nobody <iframe src="https://evil.example/"></iframe>noticed.</p>
<p><a href="data:text/html;base64,PHNjcmlwdD4=">data link</a> and <svg onload="evil()"><circle/></svg>done.</p>
<p style="position:fixed" class="note">Styled, not styled.</p>
<form action="https://evil.example/"><input name="password"/></form>
</body></html>"""


def test_hostile_markup_in_an_ordinary_page_is_stripped() -> None:
    work = _parse(HOSTILE_PAGE)
    html = work.chapters[0].html
    for needle in (
        "script",
        "evil",
        "onmouseover",
        "onerror",
        "onload",
        "iframe",
        "javascript",
        "data:",
        "svg",
        "style=",
        "<form",
        "<input",
        "<img",
    ):
        assert needle not in html.lower()
    assert "The tide came in sideways that night." in work.chapters[0].paragraphs
    assert work.title == "Tidewater"


def test_ordinary_page_metadata_and_chapters() -> None:
    page = """<html lang="fr"><head><meta charset="utf-8"><title>Document</title>
<meta name="author" content="Odile Marchand"><meta name="description" content="Un phare, deux gardiens."></head>
<body><h1>Le Phare</h1>
<div class="chapter"><h2>Chapitre un</h2><p>Le vent tournait.</p></div>
<div class="chapter"><h2>Chapitre deux</h2><p>La lampe tenait bon.<br><br>Le matin vint.</p></div>
</body></html>"""
    work = _parse(page)
    assert work.source_format == "html"
    assert work.title == "Le Phare"
    assert work.creators == ["Odile Marchand"]
    assert work.summary == "Un phare, deux gardiens."
    assert work.language == "fr"
    assert [c.title for c in work.chapters] == ["Chapitre un", "Chapitre deux"]
    assert work.chapters[1].paragraphs == ["La lampe tenait bon.", "Le matin vint."]


def test_chapter_lines_cut_a_page_without_headings() -> None:
    page = "<p>Chapter 1: Low</p><p>The river was low.</p><p><b>Chapter 2</b></p><p>Then it rained.</p>"
    work = _parse(page, "river.html")
    assert [(c.title, c.paragraphs) for c in work.chapters] == [
        ("Low", ["The river was low."]),
        ("", ["Then it rained."]),
    ]


def test_declared_charset_is_honoured() -> None:
    page = '<html><head><meta charset="koi8-r"><title>Т</title></head><body><p>Привет, мир.</p></body></html>'
    work = _parse(page.encode("koi8-r"))
    assert work.chapters[0].paragraphs == ["Привет, мир."]
    assert work.encoding == "koi8-r"


def test_windows_1252_page_without_declaration() -> None:
    work = _parse("<p>“Curly” quotes — and a dash.</p>".encode("cp1252"))
    assert work.chapters[0].paragraphs == ["“Curly” quotes — and a dash."]
    assert work.encoding == "cp1252"


# FanFicFare's HTML (``fanficfare -f html``): made by FanFicFare itself from works of ours served by the test
# archive (tests/interop shows how), with the server's address replaced by archive.example.
FANFICFARE_HTML = (SAMPLES / "fanficfare_notes_in_the_margin.html").read_bytes()


def test_fanficfare_html_title_page_fills_the_fields() -> None:
    work = _parse(FANFICFARE_HTML)
    assert work.source_format == "fanficfare-html"
    assert work.title == "Notes in the Margin"  # not the <title> "… by margin_writer"
    assert work.creators == ["margin_writer"]
    assert work.rating == "General Audiences"
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.fandoms == ["Harbour Tales", "Original Work"]  # FanFicFare's "Category"
    assert work.categories == ["F/F", "Gen"]  # AO3's categories, inside FanFicFare's "Genre"
    assert work.additional_tags == ["Fluff", "Storms", "Tea"]
    assert work.relationships == ["Keeper/Keeper"]
    assert work.characters == ["The Older Keeper", "The Younger Keeper"]
    assert work.language == "en"
    assert (work.series_title, work.series_position) == ("Tidewater", 2)
    assert work.published == datetime.date(2026, 12, 7)
    assert work.complete is False and work.expected_chapters is None  # In-Progress: the total is unknown
    assert work.summary == "Three tides, one harbour wall."
    assert work.notes == "Thanks to the harbour choir."
    assert work.end_notes == "The end, for now."
    assert not work.problems


def test_fanficfare_html_bookkeeping_is_kept_aside_not_tagged() -> None:
    work = _parse(FANFICFARE_HTML)
    assert work.extras["Packaged"].startswith("2026-12-07")
    assert work.extras["Publisher"] == "archive.example"
    assert work.extras["Words"] == "21" and work.extras["Chapters"] == "3"
    tags = work.additional_tags + work.fandoms + work.characters + work.relationships
    for bookkeeping in ("2026", "archive.example", "21", "Packaged", "In-Progress"):
        assert not any(bookkeeping in tag for tag in tags)


def test_fanficfare_html_chapters_with_their_notes() -> None:
    first, second, third = _parse(FANFICFARE_HTML).chapters
    assert (first.title, first.paragraphs) == ("Low Water", ["The first tide came in.", "It went out again by noon."])
    assert (second.title, second.summary, second.notes, second.end_notes) == (
        "",
        "A storm is coming.",
        "Written in one night.",
        "More soon.",
    )
    assert second.paragraphs == ["The second tide came in."]
    assert (third.title, third.paragraphs) == ("Spring Tide", ["The third tide came in."])
    for chapter in (first, second, third):
        for words in ("Table of Contents", "Author's Note", "Notes for the Chapter", "Summary for the Chapter"):
            assert words not in chapter.html


def test_fanficfare_html_one_chapter_story_is_headed_by_its_title() -> None:
    work = _parse((SAMPLES / "fanficfare_single_lamp.html").read_bytes())
    assert work.title == "Single Lamp" and work.fandoms == ["Original Work"]
    (chapter,) = work.chapters
    assert (chapter.title, chapter.paragraphs) == ("", ["A single lamp burned.", "Nobody put it out."])


def test_fanficfare_html_completed_story_expects_its_chapters() -> None:
    page = FANFICFARE_HTML.replace(b"<td>In-Progress</td>", b"<td>Completed</td>")
    work = _parse(page)
    assert (work.complete, work.expected_chapters) == (True, 3)


def test_ao3_download_with_several_categories_reads_them_as_categories() -> None:
    page = AO3_HTML.replace(
        b'<dt>Category:</dt>\n      <dd><a class="tag" href="https://archiveofourown.org/tags/F*s*M">F/M</a></dd>',
        b'<dt>Categories:</dt>\n      <dd><a class="tag" href="https://archiveofourown.org/tags/F*s*M">F/M</a>, '
        b'<a class="tag" href="https://archiveofourown.org/tags/Gen">Gen</a></dd>',
    )
    assert page != AO3_HTML
    work = _parse(page)
    assert work.categories == ["F/M", "Gen"]
    assert work.fandoms == ["Marvel Cinematic Universe", "The Avengers (Marvel Movies)"]


def test_ao3_creators_are_the_author_links_even_when_a_wider_element_is_marked_byline() -> None:
    """A conversion may mark a whole block as the byline (a title starting with "by"): its tag and work links are
    not creators."""
    page = AO3_HTML.replace(b'<div class="meta">', b'<div class="meta byline">', 1)
    assert page != AO3_HTML
    assert _parse(page).creators == ["quietmoth"]
