"""EPUBs as other tools make them (issue 15): title pages of "Label: value" lines, AO3's one-chapter download,
FanFicFare's subjects and notes, fixed-layout books that draw their words in SVG, formulas. Every book here is
built in the test, in our own words, with the structure those tools give."""

from __future__ import annotations

import datetime

import pytest

from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.parsed import ImportRejected
from tests.transfer.builders import epub, ncx, opf, xhtml

MB = 1024 * 1024


def _parse(data: bytes, filename: str = "story.epub"):
    return parse_file(data, filename, max_bytes=10 * MB)


# --- A title page of "Label: value" lines (FicHub, WebToEpub, AO3-to-EPUB scripts) -------------------------

LABEL_TITLE_PAGE = xhtml(
    """<h3><a href="https://archive.example/works/77">The Orchard Ledger</a> by quincewright</h3>
<p>Fandoms: Hollow Orchard (TV)</p>
<p>Status: In-Progress</p>
<p>Published: 2024-03-02</p>
<p>Updated: 2024-04-11</p>
<p>Chapters: 2/2</p>
<p>Words: 212</p>
<p>Rating: Teen And Up Audiences</p>
<p>Archive Warning: No Archive Warnings Apply</p>
<p>Relationships: Ada Fenn/Tomas Reyes</p>
<p>Characters: Ada Fenn, Tomas Reyes</p>
<p>Additional tags: Found Family, Slow Burn</p>
<p>Categories: F/M</p>
<p>Series: Part 2 of Orchard Seasons</p>
<div>Summary: <p>Ada keeps the books.</p><p>Tomas keeps the bees.</p></div>""",
    title="Title page",
)
NOTES_PAGE = xhtml(
    '<div class="notes module"><h3 class="heading">Notes:</h3>'
    "<blockquote><p>Written for a friend who keeps bees.</p></blockquote>"
    '<p class="jump">(See the end of the work for <a href="#work_endnotes">more notes</a>.)</p></div>',
    title="Notes",
)
CHAPTER_PAGE = xhtml(
    '<div id="chapters"><h3 class="landmark heading" id="work">Chapter Text</h3>'
    '<div class="userstuff"><p>{first}</p><p>{second}</p></div></div>',
    title="Chapter",
)
END_NOTES_PAGE = xhtml(
    '<div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3>'
    "<blockquote><p>Thank you for reading.</p></blockquote></div>",
    title="End Notes",
)


def labelled_epub(title_page: str = LABEL_TITLE_PAGE) -> bytes:
    metadata = """    <dc:creator opf:role="aut">quincewright</dc:creator>
    <dc:title>The Orchard Ledger</dc:title>
    <dc:language>en</dc:language>
    <dc:identifier id="uid">urn:uuid:00000000-0000-4000-8000-0000000000aa</dc:identifier>
    <dc:description>&lt;p&gt;Ada keeps the books.&lt;/p&gt;</dc:description>"""
    pages = [
        ("titlepage", "OEBPS/titlepage.html"),
        ("notes", "OEBPS/notes.html"),
        ("chapter1", "OEBPS/chapter1.html"),
        ("chapter2", "OEBPS/chapter2.html"),
        ("endnotes", "OEBPS/endnotes.html"),
    ]
    toc = [
        ("Title page", "OEBPS/titlepage.html"),
        ("Notes", "OEBPS/notes.html"),
        ("Chapter 1", "OEBPS/chapter1.html"),
        ("Chapter 2: Swarm", "OEBPS/chapter2.html"),
        ("End Notes", "OEBPS/endnotes.html"),
    ]
    return epub(
        {
            "package.opf": opf(metadata, pages),
            "toc.ncx": ncx(toc),
            "OEBPS/titlepage.html": title_page,
            "OEBPS/notes.html": NOTES_PAGE,
            "OEBPS/chapter1.html": CHAPTER_PAGE.format(
                first="The ledger had a column for pears and a column for grief.", second="Ada used both."
            ),
            "OEBPS/chapter2.html": CHAPTER_PAGE.format(
                first="In June the bees left the hive all at once.", second="Tomas followed them to the road."
            ),
            "OEBPS/endnotes.html": END_NOTES_PAGE,
        },
        package="package.opf",
    )


def test_label_title_page_fills_every_field() -> None:
    work = _parse(labelled_epub())
    assert work.source_format == "labelled-epub"
    assert work.title == "The Orchard Ledger"
    assert work.creators == ["quincewright"]
    assert work.fandoms == ["Hollow Orchard (TV)"]
    assert work.rating == "Teen And Up Audiences"
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.relationships == ["Ada Fenn/Tomas Reyes"]
    assert work.characters == ["Ada Fenn", "Tomas Reyes"]
    assert work.additional_tags == ["Found Family", "Slow Burn"]
    assert work.categories == ["F/M"]
    assert work.published == datetime.date(2024, 3, 2)
    assert work.updated == datetime.date(2024, 4, 11)
    assert (work.series_title, work.series_position) == ("Orchard Seasons", 2)
    assert work.summary == "Ada keeps the books.\n\nTomas keeps the bees."
    assert work.complete is False  # the stated status wins over "2/2"


def test_label_title_page_notes_and_byline_pages_are_not_chapters() -> None:
    work = _parse(labelled_epub())
    assert [chapter.title for chapter in work.chapters] == ["", "Swarm"]
    assert work.chapters[0].paragraphs == [
        "The ledger had a column for pears and a column for grief.",
        "Ada used both.",
    ]
    assert "Chapter Text" not in work.chapters[0].html
    assert work.notes == "Written for a friend who keeps bees."  # AO3's "(See the end…)" line left out
    assert work.end_notes == "Thank you for reading."
    assert not any("Fandoms" in chapter.html or "Notes" in chapter.html for chapter in work.chapters)


def test_title_and_creator_come_from_the_title_page_when_the_package_has_none() -> None:
    pages = [("titlepage", "titlepage.xhtml"), ("c1", "c1.xhtml")]
    book = epub(
        {
            "content.opf": opf('<dc:identifier id="uid">x</dc:identifier>', pages, ncx=None),
            "titlepage.xhtml": LABEL_TITLE_PAGE,
            "c1.xhtml": xhtml("<p>Bees, mostly, and the smell of wax in the kitchen.</p>"),
        },
        package="content.opf",
    )
    work = _parse(book)
    assert work.title == "The Orchard Ledger"
    assert work.creators == ["quincewright"]
    assert len(work.chapters) == 1


def test_a_byline_page_before_the_story_is_not_a_chapter() -> None:
    pages = [("titlepage", "titlepage.xhtml"), ("byline", "byline.xhtml"), ("c1", "c1.xhtml")]
    metadata = '<dc:identifier id="uid">x</dc:identifier><dc:title>The Orchard Ledger</dc:title>'
    book = epub(
        {
            "content.opf": opf(metadata, pages, ncx=None),
            "titlepage.xhtml": LABEL_TITLE_PAGE,
            "byline.xhtml": xhtml("<h1>The Orchard Ledger</h1><p>by quincewright</p>"),
            "c1.xhtml": xhtml("<p>Bees, mostly, and the smell of wax in the kitchen.</p>"),
        },
        package="content.opf",
    )
    work = _parse(book)
    assert [chapter.paragraphs for chapter in work.chapters] == [["Bees, mostly, and the smell of wax in the kitchen."]]


def test_a_story_with_a_few_colon_lines_is_not_a_title_page() -> None:
    body = "<p>Note: the kettle.</p><p>Time: midnight.</p><p>She poured the tea and waited for the knock.</p>"
    pages = [("c1", "c1.xhtml")]
    book = epub(
        {
            "content.opf": opf('<dc:title>Kettle</dc:title><dc:identifier id="uid">x</dc:identifier>', pages),
            "c1.xhtml": xhtml(body),
        },
        package="content.opf",
    )
    work = _parse(book)
    assert work.source_format == "epub"
    assert work.chapters[0].paragraphs[0] == "Note: the kettle."


# --- AO3's one-chapter EPUB ----------------------------------------------------------------------------------

AO3_ONESHOT_PREFACE = """<div id="preface"><h2 class="toc-heading">Preface</h2>
<p class="message"><b>Paper Lanterns</b><br/>Posted originally on the Archive.</p>
<div class="meta"><dl class="tags">
<dt>Rating:</dt><dd><a href="#">General Audiences</a></dd>
<dt>Archive Warning:</dt><dd><a href="#">Creator Chose Not To Use Archive Warnings</a></dd>
<dt>Category:</dt><dd><a href="#">Gen</a></dd>
<dt>Fandom:</dt><dd><a href="#">Lantern Street (Comics)</a></dd>
<dt>Additional Tags:</dt><dd><a href="#">Festivals</a>, <a href="#">Rain &amp; Wind</a></dd>
<dt>Language:</dt><dd>English</dd>
<dt>Stats:</dt><dd>Published: 2023-10-01 Words: 40 Chapters: 1/1</dd>
</dl></div></div>"""


def ao3_oneshot_epub() -> bytes:
    metadata = """    <dc:title>Paper Lanterns</dc:title>
    <dc:creator opf:role="aut">lampwick</dc:creator>
    <dc:publisher>Archive of Our Own</dc:publisher>
    <dc:language>en</dc:language>
    <dc:subject>Fanworks</dc:subject>
    <dc:subject>General Audiences</dc:subject>
    <dc:subject>Lantern Street (Comics)</dc:subject>
    <dc:subject>Festivals</dc:subject>
    <dc:subject>Rain &amp; Wind</dc:subject>
    <dc:subject>Gen</dc:subject>
    <dc:subject>Choose Not To Use Archive Warnings</dc:subject>"""
    pages = [("p0", "split_000.xhtml"), ("p1", "split_001.xhtml"), ("p2", "split_002.xhtml")]
    return epub(
        {
            "content.opf": opf(metadata, pages),
            "split_000.xhtml": xhtml(AO3_ONESHOT_PREFACE),
            "split_001.xhtml": xhtml(
                '<div id="preface"><div><h1>Paper Lanterns</h1><div class="byline">by <a rel="author" href="#">'
                'lampwick</a></div></div></div><div id="chapters" class="userstuff"></div>'
            ),
            "split_002.xhtml": xhtml(
                '<div id="chapters" class="userstuff"><h2 class="toc-heading">Paper Lanterns</h2>'
                '<div class="userstuff"><p>The lanterns went up one by one.</p><p>Nobody counted them.</p></div></div>'
            ),
        },
        package="content.opf",
    )


def test_ao3_oneshot_epub_does_not_repeat_the_title_or_tag_the_warning() -> None:
    work = _parse(ao3_oneshot_epub())
    assert work.source_format == "ao3-epub"
    assert work.title == "Paper Lanterns"
    assert work.creators == ["lampwick"]
    assert work.warnings == ["Creator Chose Not To Use Archive Warnings"]
    assert work.additional_tags == ["Festivals", "Rain & Wind"]
    assert len(work.chapters) == 1
    assert work.chapters[0].paragraphs == ["The lanterns went up one by one.", "Nobody counted them."]


# --- FanFicFare: bookkeeping subjects, entities escaped twice, notes around the chapter ----------------------


def fanficfare_notes_epub() -> bytes:
    metadata = """    <dc:identifier id="uid">fanficfare-uid:archive.example-u1-s2</dc:identifier>
    <dc:title>Tidewater</dc:title>
    <dc:creator opf:role="aut">saltmarsh</dc:creator>
    <dc:contributor>FanFicFare [https://github.com/JimmXinu/FanFicFare]</dc:contributor>
    <dc:language>en</dc:language>
    <dc:subject>FanFiction</dc:subject>
    <dc:subject>Completed</dc:subject>
    <dc:subject>Last Update: 2021/05/04</dc:subject>
    <dc:subject>Last Update Year/Month: 2021/05</dc:subject>
    <dc:subject>Harbour &amp;amp; Hill (Novels)</dc:subject>
    <dc:subject>Boats</dc:subject>
    <dc:subject>Star Crossing: The Return</dc:subject>"""
    title_page = xhtml(
        "<h3>Tidewater by saltmarsh</h3><div><b>Category:</b> Harbour &amp; Hill (Novels)<br/>"
        "<b>Status:</b> Completed<br/><b>Rating:</b> General Audiences<br/><b>Chapters:</b> 2<br/></div>"
    )

    def chapter(title: str, head: str, text: str, foot: str) -> str:
        return xhtml(
            f'<h3 class="fff_chapter_title">{title}</h3><div class="story">'
            f'<div class="fff_chapter_notes fff_head_notes">{head}</div>'
            f'<div class="userstuff module"><p>{text}</p></div>'
            f'<div class="fff_chapter_notes fff_foot_notes">{foot}</div></div>',
            head=f'<meta name="chaptertitle" content="{title}"/>',
        )

    one = chapter(
        "Ebb",
        "<b>Author's Note:</b><blockquote><p>For the harbour crew.</p></blockquote>"
        "<b>Summary for the Chapter:</b><blockquote><p>The tide goes out.</p></blockquote>",
        "The water left the boats leaning on the mud.",
        "<b>Notes for the Chapter:</b><blockquote><p>More soon.</p></blockquote>",
    )
    two = chapter(
        "Flow",
        "<b>Notes for the Chapter:</b><blockquote><p>The last one.</p></blockquote>",
        "By evening it was back, as if it had never gone.",
        "<b>Author's Note:</b><blockquote><p>Thanks for sailing along.</p></blockquote>",
    )
    pages = [("title_page", "OEBPS/title_page.xhtml"), ("f1", "OEBPS/file0001.xhtml"), ("f2", "OEBPS/file0002.xhtml")]
    return epub(
        {
            "content.opf": opf(metadata, pages),
            "OEBPS/title_page.xhtml": title_page,
            "OEBPS/file0001.xhtml": one,
            "OEBPS/file0002.xhtml": two,
        },
        package="content.opf",
    )


def test_fanficfare_bookkeeping_subjects_never_become_tags() -> None:
    work = _parse(fanficfare_notes_epub())
    assert work.fandoms == ["Harbour & Hill (Novels)"]
    # "Last Update…" are FanFicFare's bookkeeping; the fandom, escaped twice, is decoded once and known;
    # a tag with a colon of its own is still a tag.
    assert work.additional_tags == ["Boats", "Star Crossing: The Return"]


def test_fanficfare_notes_go_to_the_work_and_the_chapters() -> None:
    work = _parse(fanficfare_notes_epub())
    first, second = work.chapters
    assert work.notes == "For the harbour crew."
    assert work.end_notes == "Thanks for sailing along."
    assert (first.summary, first.notes, first.end_notes) == ("The tide goes out.", "", "More soon.")
    assert second.notes == "The last one."
    assert "Author's Note" not in first.html and "For the harbour crew" not in first.html


# --- Fixed layout with SVG text; MathML ------------------------------------------------------------------------

SVG_PAGE = (
    '<div class="page"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
    '<text transform="matrix(1 0 0 1 10 10)"><tspan x="0" y="0">{one}</tspan><tspan x="0" y="12">{two}</tspan>'
    "</text></svg></div>"
)


def fixed_layout_epub() -> bytes:
    metadata = """    <dc:identifier id="uid">x</dc:identifier><dc:title>Under Sail</dc:title>
    <dc:language>fr</dc:language><meta property="rendition:layout">pre-paginated</meta>"""
    pages = [("p1", "p1.xhtml"), ("p2", "p2.xhtml"), ("p3", "p3.xhtml")]
    return epub(
        {
            "content.opf": opf(metadata, pages, version="3.0", ncx="toc.ncx"),
            "toc.ncx": ncx([("Commencer", "p2.xhtml")]),
            "p1.xhtml": xhtml(
                '<div epub:type="frontmatter titlepage" xmlns:epub="http://www.idpf.org/2007/ops">'
                + SVG_PAGE.format(one="UNDER SAIL", two="Roman")
                + "</div>"
            ),
            "p2.xhtml": xhtml(SVG_PAGE.format(one="Le vent tournait sur la jetée,", two="et la mer aussi.")),
            "p3.xhtml": xhtml(SVG_PAGE.format(one="Au matin le bateau", two="était parti.")),
        },
        package="content.opf",
    )


def test_fixed_layout_words_drawn_in_svg_are_read_and_reported() -> None:
    work = _parse(fixed_layout_epub())
    assert len(work.chapters) == 1  # pages of one chapter, not chapters
    assert work.chapters[0].paragraphs == [
        "Le vent tournait sur la jetée, et la mer aussi.",
        "Au matin le bateau était parti.",
    ]
    problem = next(p for p in work.problems if "SVG" in p.message)
    assert problem.severity == "doubtful"


def test_mathml_is_reported_and_keeps_its_text_version() -> None:
    body = (
        '<p>The sum was <math xmlns="http://www.w3.org/1998/Math/MathML" alttext="x squared"><msup><mi>x</mi>'
        "<mn>2</mn></msup></math>, she wrote, and underlined it twice.</p>"
        '<p><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>y</mi></math></p>'
        "<p>Then she closed the notebook.</p>"
    )
    book = epub(
        {"content.opf": opf('<dc:identifier id="uid">x</dc:identifier>', [("c", "c.xhtml")]), "c.xhtml": xhtml(body)},
        package="content.opf",
    )
    work = _parse(book)
    assert "The sum was x squared, she wrote" in work.chapters[0].paragraphs[0]
    problem = next(p for p in work.problems if "MathML" in p.message)
    assert "2 formulas" in problem.message and problem.severity == "doubtful"


def test_damaged_epub_says_so() -> None:
    book = labelled_epub()
    with pytest.raises(ImportRejected) as caught:
        _parse(book[: len(book) // 2])
    assert caught.value.code == "corrupt"
    assert "damaged" in caught.value.message


def test_a_story_page_that_lists_labels_is_still_story_text() -> None:
    first = (
        "<p>The mission file was thin.</p><p>Agent Vell opened it on the train.</p><p>It read, in full:</p>"
        "<p>Status: active</p><p>Characters: two couriers, one cat</p><p>Rating: dangerous</p>"
        "<p>She closed it and looked out at the fields going by.</p>"
    )
    pages = [("c1", "c1.xhtml"), ("c2", "c2.xhtml")]
    book = epub(
        {
            "content.opf": opf('<dc:title>Thin File</dc:title><dc:identifier id="uid">x</dc:identifier>', pages),
            "c1.xhtml": xhtml(first),
            "c2.xhtml": xhtml("<p>At the border nobody asked for papers.</p>"),
        },
        package="content.opf",
    )
    work = _parse(book)
    assert work.source_format == "epub" and work.rating is None
    assert len(work.chapters) == 2
    assert "Status: active" in work.chapters[0].paragraphs


def test_a_single_page_of_labels_and_story_is_not_taken_for_a_title_page() -> None:
    body = "<p>Status: Complete</p><p>Rating: Mature</p><p>Words: 40</p><p>The rain came in sideways off the bay.</p>"
    book = epub(
        {
            "content.opf": opf('<dc:title>Bay</dc:title><dc:identifier id="uid">x</dc:identifier>', [("c", "c.xhtml")]),
            "c.xhtml": xhtml(body),
        },
        package="content.opf",
    )
    work = _parse(book)
    assert work.chapters[0].paragraphs[-1] == "The rain came in sideways off the bay."


def test_a_first_chapter_opening_with_a_bold_note_is_still_a_chapter() -> None:
    first = "<p><b>Author's Note:</b> thanks to my beta!</p><p>The orchard was quiet in the frost.</p>"
    pages = [("c1", "c1.xhtml"), ("c2", "c2.xhtml")]
    book = epub(
        {
            "content.opf": opf('<dc:title>Frost</dc:title><dc:identifier id="uid">x</dc:identifier>', pages),
            "c1.xhtml": xhtml(first),
            "c2.xhtml": xhtml("<p>By March the buds had opened anyway.</p>"),
        },
        package="content.opf",
    )
    work = _parse(book)
    assert len(work.chapters) == 2
    assert work.chapters[0].paragraphs[-1] == "The orchard was quiet in the frost."
