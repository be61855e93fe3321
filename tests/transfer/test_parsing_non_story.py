"""Files that are no story are refused with a reason, not imported as an "Untitled" draft (issue 15); a very short
text is imported but flagged "may not be a story". The logs and details below are our own, in the shapes
FanFicFare and calibre print."""

from __future__ import annotations

import pytest

from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import work_import
from scriptorium.works.models import Work
from tests.factories import UserFactory

MB = 1024 * 1024

FANFICFARE_LOG = """FFF: DEBUG: 2025-02-03 09:14:01,101: cli.py(227):     OS Version:Linux
FFF: DEBUG: 2025-02-03 09:14:01,102: configurable.py(561): config site:archive.example
FFF: INFO: 2025-02-03 09:14:01,150: base_otw_adapter.py(196): url: https://archive.example/works/5/navigate
Traceback (most recent call last):
  File "/usr/lib/python3/site-packages/fanficfare/cli.py", line 343, in main
    dispatch(options, urls)
  File "/usr/lib/python3/site-packages/fanficfare/adapters/base_adapter.py", line 90, in get_request
    raise exceptions.StoryDoesNotExist(url)
fanficfare.exceptions.StoryDoesNotExist: Story does not exist: (https://archive.example/works/5)
"""

EBOOK_META = """Title               : The Orchard Ledger
Author(s)           : quincewright
Publisher           : archive.example
Tags                : Found Family, Slow Burn, Last Update: 2024/04/11
Languages           : eng
Published           : 2024-03-02T00:00:00+00:00
Identifiers         : url:https://archive.example/works/77
Comments            : Ada keeps the books. Tomas keeps the bees.
"""

PACKAGE = """<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="calibre_id" version="2.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>The Orchard Ledger</dc:title>
    <dc:creator>quincewright</dc:creator>
    <dc:description>Ada keeps the books, and in a long summary the bees keep everything else.</dc:description>
  </metadata>
  <guide/>
</package>
"""


FFF_REPORT = """
Status
Title
Author
Comment
URL
Error
The Orchard Ledger
quincewright
'NoneType' object is not subscriptable
https://archive.example/works/77
"""

SAVED_METADATA_TEXT = "".join(
    f"{label}: \n{value}\n"
    for label, value in (
        ("Adapter_Classes", "ExampleArchiveAdapter"),
        ("Author", "quincewright"),
        ("Fandoms", "Hollow Orchard (TV)"),
        ("File Format", "epub"),
        ("Python_Version", "3.12.1"),
        ("Title", "The Orchard Ledger"),
        ("Downloader Version", "FanFicFare v4.0.0"),
    )
)

SAVED_METADATA_HTML = (
    '<div>\n<p>Adapter_Classes: </p>\n<ul>\n<li id="adapter_classes">ExampleArchiveAdapter</li></ul>\n'
    '<p>Title: </p>\n<p id="title">The Orchard Ledger</p>\n<p>Site Abbrev: </p>\n<p id="siteabbrev">ex</p>\n'
    '<p>Downloader Version: </p>\n<p id="version">FanFicFare v4.0.0</p>\n'
    '<p>Summary: </p>\n<p id="description">Ada keeps the books, and the bees keep Ada.</p>\n</div>\n'
)


def _parse(text: str, filename: str):
    return parse_file(text.encode(), filename, max_bytes=10 * MB)


@pytest.mark.parametrize(
    ("text", "filename", "words"),
    [
        (FANFICFARE_LOG, "download.log", "program's log"),
        (FANFICFARE_LOG, "story.txt", "program's log"),
        (EBOOK_META, "book.txt", "ebook-meta"),
        (PACKAGE, "metadata.opf", "package document"),
        (PACKAGE, "metadata.md", "package document"),
        (FFF_REPORT, "errors.txt", "report of downloads"),
        (SAVED_METADATA_TEXT, "saved.txt", "saved metadata"),
        (SAVED_METADATA_HTML, "saved.html", "saved metadata"),
        (SAVED_METADATA_HTML, "saved.txt", "saved metadata"),
    ],
)
def test_non_stories_are_refused_with_a_reason(text: str, filename: str, words: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        _parse(text, filename)
    assert caught.value.code == "not-a-story"
    assert words in caught.value.message


@pytest.mark.django_db
def test_a_refused_log_leaves_nothing_behind() -> None:
    pseud = UserFactory().default_pseud
    with pytest.raises(ImportRejected):
        work_import(data=FANFICFARE_LOG.encode(), filename="fanficfare.txt", creator=pseud)
    assert not Work.objects.exists()


def test_a_story_that_quotes_a_log_line_is_still_a_story() -> None:
    text = (
        "The screen said ERROR: 2025-02-03 and nothing else.\n\n"
        "Mira read it twice, then turned the machine off at the wall, because that was what her father did.\n\n"
        "ERROR: the kettle is empty.\n\n"
        "She filled it, and the kitchen was quiet again, the way she liked it on winter mornings.\n"
    )
    work = _parse(text, "story.txt")
    assert len(work.chapters[0].paragraphs) == 4


def test_a_story_with_a_details_line_is_still_a_story() -> None:
    text = (
        "Title               : Lanterns\n\n"
        "The lanterns went up one by one over the river, and nobody counted them, not even the children.\n\n"
        "By midnight the sky held more of them than stars.\n"
    )
    work = _parse(text, "story.txt")
    assert work.chapters


def test_very_little_text_is_imported_but_flagged() -> None:
    work = _parse("Gone fishing.\n", "note.txt")
    problem = next(p for p in work.problems if p.field == "story")
    assert "may not be a story" in problem.message and problem.severity == "doubtful"


def test_a_drabble_is_not_flagged() -> None:
    text = " ".join(["The tide came in and the tide went out, and she stayed on the sea wall."] * 6)
    work = _parse(text, "drabble.txt")
    assert not work.has_problem("story")
