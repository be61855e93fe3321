"""Which reader a file goes to: content first, extension second (a wrong extension still imports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scriptorium.transfer.formats import detect_format, parse_file
from scriptorium.transfer.parsed import ImportRejected
from tests.transfer import builders

SAMPLES = Path(__file__).parent / "samples"
MB = 1024 * 1024
AO3_HTML = (SAMPLES / "html" / "ao3_download.html").read_bytes()
MARKDOWN = (SAMPLES / "markdown" / "front_matter.md").read_bytes()
PLAIN = (SAMPLES / "plain_prose.txt").read_bytes()


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (builders.fanficfare_epub(), "story.epub", "epub"),
        (builders.fanficfare_epub(), "story.txt", "epub"),
        (builders.epub3(), "", "epub"),
        (builders.docx_bytes([("Normal", [("Words.", "")])]), "story.docx", "docx"),
        (builders.docx_bytes([("Normal", [("Words.", "")])]), "story.md", "docx"),
        (builders.zip_bytes({"a.txt": "one", "b.txt": "two"}), "stories.zip", "zip"),
        (builders.zip_bytes({"content.xml": "<x/>", "META-INF/manifest.xml": "<x/>"}), "a.odt", "odt"),
        (AO3_HTML, "story.html", "html"),
        (AO3_HTML, "story.txt", "html"),
        (AO3_HTML, "story.md", "html"),
        (MARKDOWN, "story.md", "markdown"),
        (MARKDOWN, "story.txt", "markdown"),
        (b"Just a few words of prose.\n", "story.md", "markdown"),
        (b"Just a few words of prose.\n", "story.html", "html"),
        (PLAIN, "story.txt", "text"),
        (PLAIN, "story.epub", "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "story.html", "text"),
    ],
    ids=[
        "epub",
        "epub-named-txt",
        "epub-no-name",
        "docx",
        "docx-named-md",
        "zip",
        "odt",
        "html",
        "html-named-txt",
        "html-named-md",
        "markdown",
        "markdown-named-txt",
        "plain-named-md",
        "plain-named-html",
        "text",
        "text-named-epub",
        "png-named-html",
    ],
)
def test_detect_format(data: bytes, filename: str, expected: str) -> None:
    assert detect_format(data, filename) == expected


def test_an_epub_named_txt_imports_as_an_epub() -> None:
    work = parse_file(builders.fanficfare_epub(), "story.txt", max_bytes=10 * MB)
    assert work.source_format == "fanficfare-epub"
    assert work.title == "The Cartographer's Apprentice"


def test_a_docx_named_epub_imports_as_a_docx() -> None:
    data = builders.docx_bytes([("Normal", [("The kettle sang twice and then gave up.", "")])], title="Kettle")
    work = parse_file(data, "kettle.epub", max_bytes=10 * MB)
    assert work.source_format == "docx"
    assert work.title == "Kettle"


def test_a_zip_holding_one_story_reads_that_story() -> None:
    data = builders.zip_bytes({"__MACOSX/._story.md": b"\x00\x05", "story.md": MARKDOWN})
    work = parse_file(data, "story.zip", max_bytes=10 * MB)
    assert work.source_format == "markdown"
    assert work.title == "The Orchard Ledger"


def test_a_zip_of_several_stories_is_not_one_work() -> None:
    with pytest.raises(ImportRejected) as info:
        parse_file(builders.zip_bytes({"a.txt": PLAIN, "b.txt": PLAIN}), "two.zip", max_bytes=10 * MB)
    assert info.value.code == "archive"
    assert "2 files" in info.value.message


def test_odt_is_refused_with_advice() -> None:
    data = builders.zip_bytes(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>", "META-INF/manifest.xml": "<x/>"}
    )
    with pytest.raises(ImportRejected) as info:
        parse_file(data, "story.odt", max_bytes=10 * MB)
    assert info.value.code == "unsupported"
    assert ".docx" in info.value.message


def test_binary_files_name_the_supported_formats() -> None:
    with pytest.raises(ImportRejected) as info:
        parse_file(b"%PDF-1.7\n\x00\x01binary", "story.pdf", max_bytes=10 * MB)
    assert info.value.code == "binary"
    assert "PDF" in info.value.message and "EPUB" in info.value.message
    assert ".txt file instead" not in info.value.message


def test_size_limit_applies_to_every_format() -> None:
    with pytest.raises(ImportRejected) as info:
        parse_file(builders.epub3(), "big.epub", max_bytes=100)
    assert info.value.code == "too-large"
