"""EPUBs as download sites and tools make them from other archives (issue 15): FicHub's copy of a FanFiction.Net
story with its packed stat line, WebToEpub's information page, FanFicFare's anthologies (EpubMerge), and a book of
pictures only. Every book here is built in the test, in our own words, with the structure those tools give."""

from __future__ import annotations

import datetime

import pytest

from scriptorium.transfer.parsed import ImportRejected
from tests.transfer.builders import epub, opf, xhtml
from tests.transfer.test_format_epub_wild import LABEL_TITLE_PAGE, _parse, labelled_epub

# --- FicHub's copy of a FanFiction.Net story: a packed stat line -----------------------------------------------


def test_a_packed_stat_line_on_an_introduction_page_is_read_field_by_field() -> None:
    intro = xhtml(
        "<h1>Lantern Keeper</h1><p>By: Orrin Vale</p>"
        "<p>Rated: Fiction T - Language: English - Genre: Romance/Mystery - Characters: Ada F., Tomas R. - "
        "Chapters: 2 - Words: 3,100 - Reviews: 12 - Favs: 30 - Follows: 41 - Updated: 1/5/2020, 3:12:37 AM - "
        "Published: 9/2/2019, 2:43:45 PM - Status: complete - id: 424242</p>"
        "<p>Summary: Two keepers, one lamp, and a storm that will not end.</p>"
    )
    pages = [("intro", "OEBPS/introduction.xhtml"), ("c1", "OEBPS/c1.xhtml"), ("c2", "OEBPS/c2.xhtml")]
    book = epub(
        {
            "content.opf": opf('<dc:title>Lantern Keeper</dc:title><dc:identifier id="uid">x</dc:identifier>', pages),
            "OEBPS/introduction.xhtml": intro,
            "OEBPS/c1.xhtml": xhtml("<h2>Chapter 1</h2><p>The storm came in on the third night.</p>"),
            "OEBPS/c2.xhtml": xhtml("<h2>Chapter 2</h2><p>By the fifth, the lamp was all they had.</p>"),
        },
        package="content.opf",
    )
    work = _parse(book)
    assert work.rating == "Teen And Up Audiences"
    assert work.language == "en"
    assert work.additional_tags == ["Romance", "Mystery"]
    assert work.characters == ["Ada F.", "Tomas R."]
    assert work.complete is True
    assert work.published == datetime.date(2019, 9, 2)
    assert work.updated == datetime.date(2020, 1, 5)
    assert work.summary == "Two keepers, one lamp, and a storm that will not end."
    assert work.extras["Favs"] == "30" and work.extras["id"] == "424242"
    assert len(work.chapters) == 2 and "Rated" not in work.chapters[0].html


def test_a_tag_with_a_dash_is_not_split() -> None:
    page = LABEL_TITLE_PAGE.replace("Found Family, Slow Burn", "Alternate Universe - No Powers, Slow Burn")
    work = _parse(labelled_epub(page))
    assert work.additional_tags == ["Alternate Universe - No Powers", "Slow Burn"]


# --- WebToEpub: FanFiction.Net's own story box on an information page ------------------------------------------

FFNET_INFO = xhtml(
    '<div id="pre_story_links"><span class="lc-left"><a href="/book/">Books</a> <span>&gt;</span> '
    '<a href="/book/Lighthouse-Tales/">Lighthouse Tales</a></span></div>'
    '<div id="profile_top"><b class="xcontrast_txt">The Long Watch</b> <span>By:</span> '
    '<a class="xcontrast_txt" href="/u/5150/Orrin-Vale">Orrin Vale</a> '
    '<div class="xcontrast_txt">Two keepers, one lamp, and a winter that will not end.</div>'
    '<span class="xgray xcontrast_txt">Rated: <a class="xcontrast_txt" href="#">Fiction M</a> - English - '
    "Romance/Angst - Ada F., Tomas R. - Chapters: 2 - Words: 3,100 - Reviews: 12 - Favs: 30 - Follows: 41 - "
    "Updated: 1/5/2020 - Published: 9/2/2019 - Status: Complete - id: 424242 </span></div>",
    title="Information",
)


def test_webtoepub_ffnet_information_page_fills_the_fields() -> None:
    pages = [
        ("info", "OEBPS/Text/0000_Information.xhtml"),
        ("c1", "OEBPS/Text/0001.xhtml"),
        ("c2", "OEBPS/Text/0002.xhtml"),
    ]
    metadata = "<dc:title>The Long Watch</dc:title><dc:creator>Orrin Vale</dc:creator>"
    metadata += '<dc:identifier id="uid">x</dc:identifier>'
    book = epub(
        {
            "content.opf": opf(metadata, pages),
            "OEBPS/Text/0000_Information.xhtml": FFNET_INFO,
            "OEBPS/Text/0001.xhtml": xhtml("<h1>Chapter 1</h1><p>The lamp needed oil again.</p>"),
            "OEBPS/Text/0002.xhtml": xhtml("<h1>Chapter 2: Thaw</h1><p>In March the ice let go of the rocks.</p>"),
        },
        package="content.opf",
    )
    work = _parse(book)
    assert work.source_format == "ffnet-epub"
    assert (work.title, work.creators) == ("The Long Watch", ["Orrin Vale"])
    assert work.fandoms == ["Lighthouse Tales"]
    assert work.rating == "Mature"
    assert work.language == "en"
    assert work.additional_tags == ["Romance", "Angst"]
    assert work.characters == ["Ada F.", "Tomas R."]
    assert work.complete is True and work.expected_chapters == 2
    assert work.published == datetime.date(2019, 9, 2) and work.updated == datetime.date(2020, 1, 5)
    assert work.summary == "Two keepers, one lamp, and a winter that will not end."
    assert [chapter.title for chapter in work.chapters] == ["", "Thaw"]
    assert not any("holds chapter" in problem.message for problem in work.problems)


# --- An anthology (FanFicFare's EpubMerge): one title page per bundled story -----------------------------------


def _story_title_page(title: str, rows: str) -> str:
    return xhtml(f'<h3><a href="https://archive.example/{title}">{title}</a> by saltmarsh</h3><div>{rows}</div>')


def anthology_epub() -> bytes:
    metadata = """    <dc:identifier id="uid">x</dc:identifier><dc:title>Harbour Stories</dc:title>
    <dc:creator opf:role="aut">saltmarsh</dc:creator>
    <dc:contributor opf:role="bkp">EpubMerge [https://example.org/epubmerge]</dc:contributor>
    <dc:description>Two stories of the harbour.</dc:description>
    <dc:subject>In-Progress</dc:subject><dc:subject>Boats</dc:subject>"""
    one = _story_title_page(
        "Ebb",
        "<b>Category:</b> Harbour &amp; Hill (Novels)<br/><b>Genre:</b> Gen, Boats<br/><b>Status:</b> Completed<br/>"
        "<b>Published:</b> 2020-01-02<br/><b>Updated:</b> 2020-02-03<br/><b>Rating:</b> General Audiences<br/>"
        "<b>Summary:</b> The first story, quite long enough to be more than a line of text.<br/>",
    )
    two = _story_title_page(
        "Flow",
        "<b>Category:</b> Harbour &amp; Hill (Novels), Lighthouse Tales<br/><b>Status:</b> In-Progress<br/>"
        "<b>Characters:</b> Ada F.<br/><b>Updated:</b> 2021-06-07<br/><b>Rating:</b> Mature<br/>",
    )
    pages = [
        ("t1", "1/OEBPS/title_page.xhtml"),
        ("c1", "1/OEBPS/file0001.xhtml"),
        ("t2", "2/OEBPS/title_page.xhtml"),
        ("c2", "2/OEBPS/file0001.xhtml"),
    ]
    return epub(
        {
            "content.opf": opf(metadata, pages),
            "1/OEBPS/title_page.xhtml": one,
            "1/OEBPS/file0001.xhtml": xhtml("<p>The water left the boats leaning on the mud.</p>"),
            "2/OEBPS/title_page.xhtml": two,
            "2/OEBPS/file0001.xhtml": xhtml("<p>By evening it was back, as if it had never gone.</p>"),
        },
        package="content.opf",
    )


def test_anthology_reads_every_story_and_says_so() -> None:
    work = _parse(anthology_epub())
    assert work.title == "Harbour Stories"
    assert work.summary == "Two stories of the harbour."
    assert work.fandoms == ["Harbour & Hill (Novels)", "Lighthouse Tales"]
    assert work.categories == ["Gen"]
    assert work.characters == ["Ada F."]
    assert work.rating == "Mature"  # the most restrictive of the stories'
    assert work.complete is False  # one story is in progress
    assert (work.published, work.updated) == (datetime.date(2020, 1, 2), datetime.date(2021, 6, 7))
    assert [chapter.paragraphs for chapter in work.chapters] == [
        ["The water left the boats leaning on the mud."],
        ["By evening it was back, as if it had never gone."],
    ]
    note = next(problem for problem in work.problems if "bundles 2 stories" in problem.message)
    assert "“Ebb”, “Flow”" in note.message
    assert "Boats" in work.additional_tags and "In-Progress" not in work.additional_tags


def test_a_book_of_pictures_only_says_so() -> None:
    pages = [("p1", "p1.xhtml"), ("p2", "p2.xhtml")]
    book = epub(
        {
            "content.opf": opf('<dc:title>Paintings</dc:title><dc:identifier id="uid">x</dc:identifier>', pages),
            "p1.xhtml": xhtml('<div><img src="one.jpg" alt=""/></div>'),
            "p2.xhtml": xhtml('<div><img src="two.jpg" alt=""/></div>'),
        },
        package="content.opf",
    )
    with pytest.raises(ImportRejected) as caught:
        _parse(book)
    assert caught.value.code == "no-prose"
    assert "only 2 pictures" in caught.value.message
