"""Kindle books (issue 15): AO3's MOBI and AZW3 downloads are calibre conversions of its HTML; they are read by
converting them back to EPUB with calibre's ebook-convert. The books here are our own AO3-like EPUB (see
builders.ao3_epub) converted by calibre in the test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scriptorium.transfer.formats import detect_format, parse_file
from scriptorium.transfer.formats import mobi as mobi_format
from scriptorium.transfer.parsed import ImportRejected
from tests.transfer import builders

MB = 1024 * 1024
pytestmark = pytest.mark.slow


def _kindle(tmp_path: Path, extension: str) -> bytes:
    converter = shutil.which("ebook-convert")
    assert converter, "calibre's ebook-convert is needed for these tests (apt install calibre)"
    source, target = tmp_path / "work.epub", tmp_path / f"work.{extension}"
    source.write_bytes(builders.ao3_epub())
    subprocess.run([converter, str(source), str(target)], check=True, capture_output=True, timeout=300)
    return target.read_bytes()


@pytest.mark.parametrize("extension", ["azw3", "mobi"])
def test_ao3_kindle_book_reads_like_its_epub(tmp_path: Path, extension: str) -> None:
    data = _kindle(tmp_path, extension)
    assert detect_format(data, f"work.{extension}") == "mobi"
    assert detect_format(data, "renamed.txt") == "mobi"  # by its header, not its name
    work = parse_file(data, f"work.{extension}", max_bytes=10 * MB)
    assert work.source_format == "ao3-epub-via-mobi"
    assert work.title == "Borrowed Umbrellas"
    assert work.rating == "General Audiences"
    assert "Captain America (Movies)" in work.fandoms
    assert [chapter.title for chapter in work.chapters] == ["Monday", "Friday"]
    assert work.chapters[0].paragraphs == ["The black umbrella went missing first.", "Steve blamed the wind."]
    assert work.chapters[1].paragraphs == ["By Friday, Peggy owned a forest of them."]  # not calibre's contents
    assert work.summary == "Every umbrella in the office belongs to Peggy, eventually."
    assert work.end_notes == "Stay dry."


def test_a_damaged_kindle_book_says_so(tmp_path: Path) -> None:
    data = _kindle(tmp_path, "azw3")
    with pytest.raises(ImportRejected) as caught:
        parse_file(data[:200], "work.azw3", max_bytes=10 * MB)
    assert caught.value.code == "corrupt"
    assert "Kindle" in caught.value.message


def test_without_calibre_a_kindle_book_is_refused_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mobi_format, "_converter", lambda: None)
    header = b"\x00" * 60 + b"BOOKMOBI" + b"\x00" * 100
    with pytest.raises(ImportRejected) as caught:
        parse_file(header, "work.mobi", max_bytes=10 * MB)
    assert caught.value.code == "unsupported"
    assert "EPUB" in caught.value.message


SAMPLE = Path(__file__).parent / "samples" / "html" / "ao3_download.html"
FIELDS = (
    "title",
    "creators",
    "rating",
    "warnings",
    "categories",
    "fandoms",
    "relationships",
    "characters",
    "additional_tags",
    "language",
    "published",
    "updated",
    "complete",
    "expected_chapters",
    "series_title",
    "series_position",
    "summary",
    "notes",
    "end_notes",
)


@pytest.mark.parametrize("extension", ["epub", "azw3", "mobi"])
def test_ao3_download_converted_by_calibre_reads_like_the_html(tmp_path: Path, extension: str) -> None:
    """AO3 makes its EPUB, AZW3 and MOBI with calibre from its HTML download; each reads like that HTML."""
    converter = shutil.which("ebook-convert")
    assert converter, "calibre's ebook-convert is needed for these tests (apt install calibre)"
    target = tmp_path / f"work.{extension}"
    subprocess.run([converter, str(SAMPLE), str(target)], check=True, capture_output=True, timeout=300)
    html = parse_file(SAMPLE.read_bytes(), "work.html", max_bytes=10 * MB)
    book = parse_file(target.read_bytes(), target.name, max_bytes=10 * MB)
    assert {name: getattr(book, name) for name in FIELDS} == {name: getattr(html, name) for name in FIELDS}
    shape = [(c.title, c.summary, c.notes, c.end_notes, c.paragraphs) for c in book.chapters]
    assert shape == [(c.title, c.summary, c.notes, c.end_notes, c.paragraphs) for c in html.chapters]
