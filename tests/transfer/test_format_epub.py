"""EPUB 2 and 3: FanFicFare's, AO3's, ordinary ones, and invalid ones that are still readable."""

from __future__ import annotations

import datetime

import pytest

from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import work_import
from scriptorium.works.models import Series
from tests.transfer import builders

MB = 1024 * 1024


def _parse(data: bytes, filename: str = "story.epub"):
    return parse_file(data, filename, max_bytes=10 * MB)


def test_fanficfare_epub2_reads_the_title_page_labels() -> None:
    work = _parse(builders.fanficfare_epub())
    assert work.source_format == "fanficfare-epub"
    assert work.title == "The Cartographer's Apprentice"
    assert work.creators == ["inkwell"]
    assert work.fandoms == ["Marvel Cinematic Universe"]  # FanFicFare's "Category" is the fandom
    assert work.categories == ["F/M"]  # F/M in "Genre" is an AO3 category
    assert work.characters == ["Maria Hill", "Nick Fury"]
    assert work.relationships == ["Maria Hill/Sharon Carter"]
    assert work.rating == "Teen And Up Audiences"  # "Fiction T"
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.language == "en"
    assert work.complete is True and work.expected_chapters == 2
    assert work.published == datetime.date(2019, 7, 2)
    assert work.updated == datetime.date(2019, 8, 15)
    assert work.summary == "Maria inherits a drawer of maps that do not match the coast."
    assert (work.series_title, work.series_position) == ("Coastlines", 3)
    assert work.extras["Beta"] == "lighthouse_keeper"  # unknown labels are kept
    assert work.extras["Source"] == "https://www.fanfiction.net/s/1234567/1/"


def test_fanficfare_dc_subjects_add_only_new_tags() -> None:
    work = _parse(builders.fanficfare_epub())
    # Genres come from the title page; dc:subject adds "Found Family" but not FanFiction, Completed or
    # a character already known.
    assert work.additional_tags == ["Adventure", "Friendship", "Found Family"]


def test_fanficfare_chapters_from_the_spine() -> None:
    work = _parse(builders.fanficfare_epub())
    assert [c.title for c in work.chapters] == ["The Drawer", "Low Tide"]
    first = work.chapters[0]
    assert "<s>never</s>" in first.html  # site HTML that fails EPUBCheck is kept
    assert "fff_chapter_title" not in first.html and "Chapter 1" not in first.html
    assert first.paragraphs[0] == "The drawer stuck, as old drawers do, and then gave all at once."


def test_fanficfare_chapter_title_from_the_heading_when_meta_is_missing() -> None:
    page = builders.xhtml('<h3 class="fff_chapter_title">Chapter 1: Shoals</h3><p>Grey water, grey sky.</p>')
    work = _parse(builders.fanficfare_epub(chapter_one=page))
    assert work.chapters[0].title == "Shoals"
    assert work.chapters[0].paragraphs == ["Grey water, grey sky."]


@pytest.mark.django_db
def test_fanficfare_epub_import_through_the_service() -> None:
    before = builders.row_counts()
    result = work_import(data=builders.fanficfare_epub(), filename="cartographer.epub")
    work = result.work
    assert work.posted and work.complete
    assert work.import_format == "fanficfare-epub"
    assert work.published_on == datetime.date(2019, 7, 2)
    assert [c.title for c in work.chapters.order_by("position")] == ["The Drawer", "Low Tide"]
    assert "<s>never</s>" in work.chapters.get(position=1).text
    assert {t.name for t in work.tags.filter(type="additional")} == {"Adventure", "Friendship", "Found Family"}
    assert Series.objects.get().title == "Coastlines"
    assert builders.row_counts()["Work"] == before["Work"] + 1


def test_epub3_metadata_nav_and_chapters() -> None:
    work = _parse(builders.epub3())
    assert work.source_format == "epub"
    assert work.title == "Salt and Lamplight"
    assert work.creators == ["Wren Ashdown"]  # the illustrator is not a creator
    assert work.summary == "Two keepers, one lighthouse, a winter of letters."
    assert work.language == "en"  # en-GB
    assert work.additional_tags == ["Epistolary", "Winter"]
    assert work.published == datetime.date(2022, 12, 1)
    assert work.updated is None  # dcterms:modified is the file's date, not the story's
    assert (work.series_title, work.series_position) == ("Lighthouse Letters", 1)
    assert [c.title for c in work.chapters] == ["The First Letter", "The Second Letter"]  # cover page skipped
    assert "<em>like</em>" in work.chapters[0].html


def test_epub_chapter_titled_from_the_table_of_contents_when_it_has_no_heading() -> None:
    work = _parse(builders.epub3(chapter_two_body="<p>No heading on this page.</p>"))
    assert work.chapters[1].title == "Letter Two"


def test_ao3_style_epub_reads_the_preface() -> None:
    work = _parse(builders.ao3_epub())
    assert work.source_format == "ao3-epub"
    assert work.title == "Borrowed Umbrellas"
    assert work.creators == ["drizzle"]
    assert work.rating == "General Audiences"
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.categories == ["Gen"]
    assert work.fandoms == ["Captain America (Movies)"]
    assert work.characters == ["Peggy Carter", "Steve Rogers"]
    assert work.additional_tags == ["Rain", "Umbrellas"]  # dc:subject repeats them: not added twice
    assert work.summary == "Every umbrella in the office belongs to Peggy, eventually."
    assert work.end_notes == "Stay dry."
    assert work.complete is True
    assert [(c.title, c.paragraphs) for c in work.chapters] == [
        ("Monday", ["The black umbrella went missing first.", "Steve blamed the wind."]),
        ("Friday", ["By Friday, Peggy owned a forest of them."]),
    ]


def test_invalid_but_readable_epub_still_imports() -> None:
    """No mimetype, no container.xml, no nav or NCX, ``<s>`` and undeclared ``&nbsp;`` in the pages,
    an unclosed tag: EPUBCheck fails it, a reader can still read it."""
    metadata = "<dc:title>Loose Threads</dc:title><dc:creator>Tam Ives</dc:creator>"
    pages = [("a", "one.xhtml"), ("b", "two.html")]
    data = builders.epub(
        {
            "book/package.opf": builders.opf(metadata, pages, ncx=None),
            "book/one.xhtml": builders.xhtml("<h2>Knots</h2><p>She&nbsp;tied it <s>twice</s> thrice.</p>"),
            "book/two.html": "<html><body><h2>Ends</h2><p>The thread ran out<p>and so did she.</body></html>",
        },
        container=False,
        mimetype=False,
    )
    work = _parse(data)
    assert work.title == "Loose Threads" and work.creators == ["Tam Ives"]
    assert [c.title for c in work.chapters] == ["Knots", "Ends"]
    assert "She&nbsp;tied it <s>twice</s> thrice." in work.chapters[0].html
    assert work.chapters[0].paragraphs == ["She\u00a0tied it twice thrice."]
    assert work.chapters[1].paragraphs == ["The thread ran out", "and so did she."]


def test_epub_whose_spine_is_missing_reads_its_pages_in_order() -> None:
    data = builders.epub(
        {
            "OEBPS/content.opf": '<package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata/></package>',
            "OEBPS/a.xhtml": builders.xhtml("<p>First page.</p>"),
            "OEBPS/b.xhtml": builders.xhtml("<p>Second page.</p>"),
        }
    )
    work = _parse(data)
    assert [c.paragraphs for c in work.chapters] == [["First page."], ["Second page."]]
    assert any(p.field == "chapters" and p.severity == "doubtful" for p in work.problems)


def test_single_page_epub_is_cut_at_its_chapter_headings() -> None:
    body = "<h1>One Page</h1><h2>Chapter 1</h2><p>Alpha text.</p><h2>Chapter 2: Beta</h2><p>Beta text.</p>"
    data = builders.epub(
        {
            "OEBPS/content.opf": builders.opf("<dc:title>One Page</dc:title>", [("p", "p.xhtml")], ncx=None),
            "OEBPS/p.xhtml": builders.xhtml(body),
        }
    )
    work = _parse(data)
    assert [(c.title, c.paragraphs) for c in work.chapters] == [("", ["Alpha text."]), ("Beta", ["Beta text."])]


def test_epub_without_a_package_document_is_rejected() -> None:
    data = builders.epub({"OEBPS/readme.txt": "nothing here"}, container=False)
    with pytest.raises(ImportRejected) as info:
        _parse(data)
    assert info.value.code == "corrupt"
    assert "package document" in info.value.message


def test_epub_with_only_a_cover_has_no_prose() -> None:
    data = builders.epub(
        {
            "OEBPS/content.opf": builders.opf("<dc:title>Cover</dc:title>", [("cover", "c.xhtml")], ncx=None),
            "OEBPS/c.xhtml": builders.xhtml('<img src="cover.jpg" alt=""/>'),
        }
    )
    with pytest.raises(ImportRejected) as info:
        _parse(data)
    assert info.value.code == "no-prose"


def test_sloppy_package_files_are_forgiven() -> None:
    """An unescaped "&" in the OPF, a broken container.xml and a broken NCX: readers cope, so do we."""
    metadata = "<dc:title>Salt & Pepper</dc:title><dc:creator>Bo Reyes</dc:creator>"
    data = builders.epub(
        {
            "META-INF/container.xml": "<container><rootfiles><rootfile full-path=",
            "OEBPS/content.opf": builders.opf(metadata, [("c1", "c1.xhtml")]),
            "OEBPS/toc.ncx": "<ncx><navMap><navPoint",
            "OEBPS/c1.xhtml": builders.xhtml("<p>Two shakers, one table.</p>"),
        },
        container=False,
    )
    work = _parse(data)
    assert work.title == "Salt & Pepper"
    assert work.chapters[0].paragraphs == ["Two shakers, one table."]
