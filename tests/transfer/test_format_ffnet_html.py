"""FanFiction.Net chapter pages saved from a browser, in the site's three layouts (our own look-alikes): the
current one (``#profile_top``), the table one, and the old one with the story's details in script variables."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.services import work_import

SAMPLES = Path(__file__).parent / "samples" / "html"
MB = 1024 * 1024
#: Menus, buttons, review box, share links and footer of the site: never story text.
CHROME = (
    "unleash your imagination",
    "Login",
    "Sign Up",
    "Just In",
    "Forums",
    "Follow/Fav",
    "Rated:",
    "Fiction T",
    "Prev",
    "Next",
    "Full",
    "Dark",
    "Review",
    "Favorite",
    "Share",
    "Facebook",
    "Privacy",
    "Terms of Service",
    "Top",
    "font styles",
    "Author of 3 Stories",
    "Add Story to Favorites",
)


def _parse(name: str):
    return parse_file((SAMPLES / name).read_bytes(), name, max_bytes=10 * MB)


def test_current_layout_reads_the_stat_line_and_the_story_only() -> None:
    work = _parse("ffnet_chapter_page.html")
    assert work.source_format == "ffnet-html"
    assert work.title == "The Lamp Room"  # not "Follow/Fav The Lamp Room", not the <title>
    assert work.creators == ["gullwing"]
    assert work.summary == "Two keepers, one lamp, and a fog that will not lift."
    assert work.fandoms == ["Harbour Tales"]
    assert work.rating == "Teen And Up Audiences"  # "Fiction T" through transfer/ratings.py
    assert work.language == "en"
    assert work.additional_tags == ["Adventure", "Romance"]
    assert work.relationships == ["Maren H./Ysolde C."]
    assert work.characters == ["Maren H.", "Ysolde C.", "Old Tom"]
    assert (work.published, work.updated) == (datetime.date(2015, 5, 1), datetime.date(2015, 6, 2))
    assert (work.complete, work.expected_chapters) == (True, 3)
    assert work.extras["Words"] == "4,120" and work.extras["id"] == "8675309"
    (chapter,) = work.chapters
    assert chapter.title == "Fog Signals"
    assert chapter.paragraphs[1] == "The fog came in at four and sat on the harbour like a cat."
    assert "<em>winding</em>" in chapter.html
    problem = next(p for p in work.problems if p.field == "chapters" and "other chapters" in p.message)
    assert "chapter 2 of the story's 3" in problem.message


def test_table_layout_with_short_dates_and_one_chapter() -> None:
    work = _parse("ffnet_table_page.html")
    assert work.title == "Crossing at Midnight"
    assert work.creators == ["quayside"]
    assert work.summary == "The last ferry of the night carries one passenger too many."
    assert work.fandoms == ["Night Ferry"]
    assert work.rating == "Mature"
    assert work.characters == ["Captain Ross", "Deckhand Lee"]  # "A & B" on older pages: two characters
    assert work.published == datetime.date(2012, 11, 6)  # "11-06-12": month, day, year
    assert work.complete is False  # no "Status: Complete"
    assert work.chapters[0].title == ""
    assert work.chapters[0].paragraphs == [
        "The ferry's lamps were the only lights on the water.",
        "Captain Ross counted heads twice and got different answers.",
    ]
    assert not any("other chapters" in p.message for p in work.problems)


def test_old_layout_reads_the_script_variables_and_the_rule_line() -> None:
    work = _parse("ffnet_old_page.html")
    assert work.title == "Gull Versus Lamp"
    assert work.creators == ["lampwright"]
    assert work.summary == "A gull argues with a lighthouse. It doesn't go well."
    assert work.fandoms == ["Misc. Books"]
    assert work.rating == "General Audiences"  # K+
    assert work.additional_tags == ["Humor", "General"]
    assert (work.published, work.updated) == (datetime.date(2006, 2, 8), datetime.date(2009, 12, 14))
    assert work.extras["id"] == "5150"
    assert work.chapters[0].title == ""  # "2. Chapter 2" names no title
    assert any("chapter 2 of the story's 4" in p.message for p in work.problems)


#: The layout before the tables with ids: the rating's link reads "Fiction Rated: K+" and a finished story says
#: a bare "Complete".
LINKED_RATING_PAGE = """<a name="top" id="top"></a><table width="100%"><tr><td class="menulinks">
<a href="/">FanFiction.Net</a> - unleash your imagination</td>
<td><a href="/secure/login.php">Login</a></td></tr></table>
<div><form name="fidochap" id="fidochap"><table width="100%" class="myborder"><tr><td><table width="100%"><tr><td>
<a href="/book/">Books</a> » <a href="/book/Harbour_Tales/">Harbour Tales</a> » <b>Gulls at Dawn</b></td>
<td align="right">font: <a href="javascript:updateFontSize('u');">B</a></td></tr></table></td></tr>
<tr><td><table width="100%"><tr><td>Author: <a href="/u/99/lampwright">lampwright</a></td><td align="RIGHT">
<select title="chapter navigation" name="chapter"><option value="1" selected="selected">1. of first light</option>
<option value="2">2. of noon</option></select></td></tr></table></td></tr>
<tr><td><a href="http://www.fictionratings.com/guide.php" target="rating">Fiction Rated: K+</a> - English -
Adventure/Drama - Gull &amp; Lamp - Reviews: <a href="/r/1/">19</a> - Published: 03-16-02 - Updated: 09-03-02 -
Complete - id:662 </td></tr></table></form>
<div align="center"><div id="storytext" class="storytext"><!-- start story --> A gull woke.<p>The lamp was out.</p>
<p>Morning came.</p></div></div></div>"""


def test_layout_with_the_rating_inside_its_link_and_a_bare_status() -> None:
    work = parse_file(LINKED_RATING_PAGE.encode(), "gulls.html", max_bytes=MB)
    assert work.source_format == "ffnet-html"
    assert (work.title, work.creators, work.fandoms) == ("Gulls at Dawn", ["lampwright"], ["Harbour Tales"])
    assert work.rating == "General Audiences"
    assert (work.complete, work.expected_chapters) == (True, 2)  # "Complete"; two chapters in the menu
    assert (work.published, work.updated) == (datetime.date(2002, 3, 16), datetime.date(2002, 9, 3))
    (chapter,) = work.chapters
    assert chapter.title == "of first light"
    assert chapter.paragraphs == ["A gull woke.", "The lamp was out.", "Morning came."]


@pytest.mark.parametrize("name", ["ffnet_chapter_page.html", "ffnet_table_page.html", "ffnet_old_page.html"])
def test_menus_reviews_and_footer_never_enter_the_text(name: str) -> None:
    work = _parse(name)
    assert len(work.chapters) == 1
    text = re.sub(r"<[^>]+>", " ", work.chapters[0].html)
    for words in CHROME:
        assert words not in text, words


def test_a_page_without_the_stat_line_is_an_ordinary_page() -> None:
    page = b"<html><body><div id='storytext'><p>Just a story.</p><p>Nothing else.</p><p>End.</p></div></body></html>"
    work = parse_file(page, "story.html", max_bytes=MB)
    assert work.source_format == "html"


@pytest.mark.django_db
def test_importing_a_saved_chapter_keeps_its_fandom_rating_and_text() -> None:
    work = work_import(data=(SAMPLES / "ffnet_chapter_page.html").read_bytes(), filename="lamp.html").work
    assert work.title == "The Lamp Room"
    assert work.import_format == "ffnet-html"
    assert work.rating == "Teen And Up Audiences"
    assert [t.name for t in work.tags.filter(type="fandom")] == ["Harbour Tales"]
    chapter = work.chapters.get()
    assert "sat on the harbour like a cat" in chapter.text and "Follow/Fav" not in chapter.text
