"""AO3 work pages saved from a browser: a chapter's page (body only), the entire work (a whole document), a
one-shot, and a series page (refused). The samples are our own look-alikes of AO3's page structure."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from scriptorium.transfer.formats import detect_format, parse_file
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import work_import
from scriptorium.works.models import Series

SAMPLES = Path(__file__).parent / "samples" / "html"
CHAPTER_PAGE = (SAMPLES / "ao3_chapter_page.html").read_text()
ENTIRE_WORK = (SAMPLES / "ao3_entire_work.html").read_text()
MB = 1024 * 1024
#: Words of AO3's site chrome (menus, actions, kudos, comments, footer) that must never become story text.
CHROME = (
    "Main Content",
    "Archive of Our Own",
    "Log In",
    "Forgot password",
    "Fandoms",
    "All Fandoms",
    "Work Search",
    "Entire Work",
    "Next Chapter",
    "Chapter Index",
    "Bookmark",
    "Comments",
    "Share",
    "Download",
    "EPUB",
    "Work Header",
    "Chapter Text",
    "Kudos",
    "left kudos",
    "Post Comment",
    "characters left",
    "Footer",
    "Site Map",
    "Terms of Service",
    "otwarchive",
    "Rating:",
    "Hits:",
    "See the end of the chapter",
    "See the end of the work",
    "Works inspired by this one",
    "Lovely comment text",
)


def _parse(text: str, filename: str = "page.html"):
    return parse_file(text.encode("utf-8"), filename, max_bytes=10 * MB)


def _chapter_texts(work) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", chapter.html) for chapter in work.chapters]


def test_a_chapter_page_body_only_reads_every_field() -> None:
    work = _parse(CHAPTER_PAGE)
    assert work.source_format == "ao3-page"
    assert work.title == "The Lighthouse Ledger"  # the work's h2.title; a body-only page has no <title>
    assert work.creators == ["saltmarsh (tidewriter)", "gullwing"]
    assert work.rating == "Teen And Up Audiences"
    assert work.warnings == ["Graphic Depictions Of Violence", "Major Character Death"]
    assert work.categories == ["F/F", "Gen"]  # "Categories:" (plural) are categories, never a fandom
    assert work.fandoms == ["Harbour Tales", "Lighthouse Keepers (Radio Play)"]
    assert work.relationships == ["Maren Holt/Ysolde Crane", "Maren Holt & The Harbourmaster"]
    assert work.characters == ["Maren Holt", "Ysolde Crane", "The Harbourmaster | Old Tom"]
    # each tag its own, never glued together into one
    assert work.additional_tags == [
        "abandoned lighthouse",
        "Slow Burn",
        "Alternate Universe - Sailors",
        "tags will be added",
    ]
    assert work.language == "en"
    assert (work.series_title, work.series_position) == ("Salt and Signal", 2)
    assert (work.published, work.updated) == (datetime.date(2021, 6, 3), datetime.date(2021, 7, 19))
    assert (work.complete, work.expected_chapters) == (False, 5)
    assert work.summary == "Maren keeps the light. Ysolde keeps the ledger.\n\nNeither of them keeps quiet."
    assert work.notes == "For everyone who ever counted ships from a window."
    assert work.end_notes == ""


def test_a_chapter_page_reads_its_chapter_and_says_the_others_are_missing() -> None:
    work = _parse(CHAPTER_PAGE)
    (chapter,) = work.chapters
    assert chapter.title == "Ledger Lines"
    assert chapter.summary == "The first entry is written in a hurry."
    assert chapter.notes == ""  # AO3's "(See the end of the chapter for notes.)" is not a note
    assert chapter.end_notes == "The gull is based on a real gull."
    assert chapter.paragraphs == [
        "The ledger had a cracked spine and a smell of tar.",
        "Ysolde opened it at the first clean page and wrote, Two schooners, one ferry, a gull with opinions.",
        "Maren laughed from the stairwell, and the lamp above them turned.",
    ]
    assert "<em>Two schooners" in chapter.html
    problem = next(p for p in work.problems if "other chapters" in p.message)
    assert "chapter 1 of the 2 posted" in problem.message and problem.severity == "doubtful"


def test_the_entire_work_as_a_whole_document() -> None:
    work = _parse(ENTIRE_WORK, "ferry.html")
    assert work.title == "Ferry Timetables"  # not the <title> ("… - tidewriter - Harbour Tales [Archive …]")
    assert work.creators == ["tidewriter"]  # not <meta name="author"> (the OTW)
    assert work.summary == "Old Tom rewrites the ferry timetable every spring. Nobody reads it."
    assert work.categories == ["Gen"] and work.fandoms == ["Harbour Tales"]
    assert work.characters == ["The Harbourmaster | Old Tom"]
    assert work.language == "cy"
    assert (work.complete, work.expected_chapters) == (True, 2)
    assert (work.published, work.updated) == (datetime.date(2019, 2, 1), datetime.date(2019, 3, 15))
    assert work.notes == "Written for the harbour exchange."
    assert work.end_notes == "Timetables are a kind of hope."
    assert work.extras["Associations"] == "For quayside."
    assert not work.problems
    first, second = work.chapters
    assert (first.title, first.summary, first.notes, first.end_notes) == ("", "", "", "")
    assert first.paragraphs == [
        "The seven o'clock ferry left at a quarter past, as it always had.",
        "Old Tom wrote 7:00 anyway.",
    ]
    assert (second.title, second.summary, second.notes, second.end_notes) == (
        "The Winter Sailing",
        "Ice on the slipway.",
        "A short one.",
        "Thank you, slipway.",
    )


@pytest.mark.parametrize("page", [CHAPTER_PAGE, ENTIRE_WORK], ids=["chapter page", "entire work"])
def test_site_chrome_never_enters_the_text(page: str) -> None:
    work = _parse(page)
    for text in _chapter_texts(work):
        for words in CHROME:
            assert words not in text, words
    for field in (work.summary, work.notes, work.end_notes):
        assert "See the end" not in field and "inspired by" not in field


def test_a_chapter_titled_like_a_number_keeps_its_title() -> None:
    page = CHAPTER_PAGE.replace("</a>: Ledger Lines</h3>", "</a>: Chapter 1</h3>")
    assert _parse(page).chapters[0].title == "Chapter 1"


def test_a_one_shot_page_has_its_text_straight_in_chapters() -> None:
    start = CHAPTER_PAGE.index('<div id="chapters"')
    end = CHAPTER_PAGE.index('<div id="feedback"')
    one_shot = (
        CHAPTER_PAGE[:start]
        + '<div id="chapters" role="article"><h3 class="landmark heading" id="work">Work Text:</h3>'
        + '<div class="userstuff"><p>One night, one lamp.</p><p>Then morning.</p></div></div></div></div>\n'
        + CHAPTER_PAGE[end:]
    ).replace('<dd class="chapters">2/5</dd>', '<dd class="chapters">1/1</dd>')
    work = _parse(one_shot)
    (chapter,) = work.chapters
    assert (chapter.title, chapter.paragraphs) == ("", ["One night, one lamp.", "Then morning."])
    assert (work.complete, work.expected_chapters) == (True, 1)
    assert not any("other chapters" in p.message for p in work.problems)


def test_an_anonymous_work_is_credited_as_the_page_shows_it() -> None:
    page = re.sub(r'<h3 class="byline heading">.*?</h3>', '<h3 class="byline heading">Anonymous</h3>', CHAPTER_PAGE)
    assert _parse(page).creators == ["Anonymous"]


def test_a_page_named_like_text_is_still_read_as_an_ao3_page() -> None:
    data = CHAPTER_PAGE.encode()
    assert detect_format(data, "saved.txt") == "html"
    assert _parse(CHAPTER_PAGE, "saved.txt").title == "The Lighthouse Ledger"


SERIES_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Salt and Signal - tidewriter [Archive of Our Own]</title>
</head><body><div id="outer"><div id="header"><h1 class="heading"><a href="/">Archive of Our Own</a></h1></div>
<div id="main" class="series-show region" role="main"><h2 class="heading">Salt and Signal</h2>
<dl class="series meta group"><dt>Creator:</dt><dd><a rel="author" href="/users/tidewriter">tidewriter</a></dd>
<dt>Description:</dt><dd><blockquote class="userstuff"><p>Stories from one coast.</p></blockquote></dd></dl>
<ul class="series work index group">
<li id="work_4100" class="work blurb group" role="article"><div class="header module"><h4 class="heading">
<a href="/works/4100">First Light</a> by <a rel="author" href="/users/tidewriter">tidewriter</a></h4></div>
<blockquote class="userstuff summary"><p>The lamp is lit for the first time.</p></blockquote></li>
<li id="work_4242" class="work blurb group" role="article"><div class="header module"><h4 class="heading">
<a href="/works/4242">The Lighthouse Ledger</a> by <a rel="author" href="/users/tidewriter">tidewriter</a></h4></div>
<blockquote class="userstuff summary"><p>Maren keeps the light.</p></blockquote></li>
</ul></div></div></body></html>"""


def test_a_series_page_is_refused_with_its_works_named() -> None:
    with pytest.raises(ImportRejected) as caught:
        _parse(SERIES_PAGE, "series.html")
    assert caught.value.code == "not-a-story"
    assert "series" in caught.value.message
    assert "“First Light”" in caught.value.message and "“The Lighthouse Ledger”" in caught.value.message


@pytest.mark.django_db
def test_importing_a_saved_page_keeps_tags_series_creators_and_chapter() -> None:
    result = work_import(data=CHAPTER_PAGE.encode(), filename="ledger.html")
    work = result.work
    assert work.title == "The Lighthouse Ledger"
    assert work.import_format == "ao3-page"
    assert sorted(t.name for t in work.tags.filter(type="category")) == ["F/F", "Gen"]
    assert sorted(t.name for t in work.tags.filter(type="fandom")) == [
        "Harbour Tales",
        "Lighthouse Keepers (Radio Play)",
    ]
    assert "Slow Burn" in {t.name for t in work.tags.filter(type="additional")}
    chapter = work.chapters.get()
    assert chapter.title == "Ledger Lines"
    assert "cracked spine" in chapter.text and "Kudos" not in chapter.text
    assert Series.objects.get().title == "Salt and Signal"


ADULT_NOTICE = """<div id="outer"><div id="header"><h1 class="heading"><a href="/">Archive of Our Own</a></h1></div>
<div id="main" class="works-show region" role="main"><p class="caution">This work could have adult content. If you
continue, you have agreed that you are willing to see such content.</p><ul class="actions">
<li><a href="/works/9?view_adult=true">Yes,
Continue</a></li><li><a href="/">No, Go Back</a></li></ul><p>If you accept cookies from our site and you choose "Yes,
Continue", you will not be asked again during this session.</p></div></div>"""


def test_the_adult_content_notice_is_refused_with_advice() -> None:
    with pytest.raises(ImportRejected) as caught:
        _parse(ADULT_NOTICE, "notice.html")
    assert caught.value.code == "not-a-story"
    assert "adult-content notice" in caught.value.message
