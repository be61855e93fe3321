"""AZW3, MOBI and PDF through calibre's ebook-convert: each makes a non-empty file of its type, and what calibre
made of our EPUB reads back (converted again by calibre, then imported by us)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from scriptorium.transfer.exports import converters, is_available
from scriptorium.transfer.exports.calibre import PROGRAM
from scriptorium.transfer.exports.epub import write_epub
from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.models import Download
from tests.factories import make_work
from tests.transfer.test_export_epubcheck import BOOKS

pytestmark = [
    pytest.mark.calibre,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which(PROGRAM) is None, reason="calibre is not installed (apt-get install calibre)"),
]
#: How each format's file starts: MOBI and AZW3 (KF8) are Palm databases typed "BOOKMOBI" at byte 60.
SIGNATURES = {"azw3": (60, b"BOOKMOBI"), "mobi": (60, b"BOOKMOBI"), "pdf": (0, b"%PDF-")}


def calibre(source: Path, target: Path) -> None:
    env = {**os.environ, "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox", "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([PROGRAM, str(source), str(target)], env=env, check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("calibre") / "book.epub"
    write_epub(BOOKS["hostile-html"], path)
    return path


@pytest.mark.parametrize("format_name", ["azw3", "mobi"])
def test_kindle_formats_are_made_and_read_back(format_name: str, epub: Path, tmp_path: Path) -> None:
    assert is_available(format_name)
    target = tmp_path / f"book.{format_name}"
    converters()[format_name].convert(work=None, inputs={"epub": epub}, target=target)
    offset, magic = SIGNATURES[format_name]
    assert target.read_bytes()[offset : offset + len(magic)] == magic
    back = tmp_path / "back.epub"
    calibre(target, back)
    parsed = parse_file(back.read_bytes(), back.name, max_bytes=50 * 1024 * 1024)
    work = BOOKS["hostile-html"]
    assert parsed.title == work.title
    if format_name == "azw3":  # KF8 keeps our markup, so the whole metadata block comes back
        assert (parsed.creators[:1], parsed.rating) == ([work.creators[0].name], work.rating)
        assert parsed.fandoms == ["Fandom <One> & Two"] and "Fluff & Angst" in parsed.additional_tags
    text = " ".join(" ".join(c.paragraphs) for c in parsed.chapters)
    for words in ("A paragraph inside bold.", "definition without a term", "after a comment", "list in strong"):
        assert words in text


def test_pdf_is_made_and_its_text_reads_back(epub: Path, tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    converters()["pdf"].convert(work=None, inputs={"epub": epub}, target=target)
    assert target.read_bytes().startswith(b"%PDF-") and target.stat().st_size > 10_000
    back = tmp_path / "back.txt"
    calibre(target, back)
    text = " ".join(back.read_text(encoding="utf-8", errors="replace").split())
    assert "A paragraph inside bold." in text
    assert "Posted originally on" in text


def test_pdf_of_japanese_text_embeds_a_cjk_font_and_reads_back(tmp_path: Path) -> None:
    """Without a CJK font (CI installs fonts-noto-cjk) calibre prints empty boxes in place of the characters."""
    source = tmp_path / "cjk.epub"
    write_epub(BOOKS["cjk-emoji"], source)
    target = tmp_path / "cjk.pdf"
    converters()["pdf"].convert(work=None, inputs={"epub": source}, target=target)
    fonts = set(re.findall(rb"[A-Z]{6}\+([A-Za-z0-9_-]+)", target.read_bytes()))
    assert any(b"CJK" in font for font in fonts), fonts
    back = tmp_path / "back.txt"
    calibre(target, back)
    text = "".join(back.read_text(encoding="utf-8", errors="replace").split())
    assert "雪が降る" in text


@pytest.mark.django_db
def test_calibre_formats_download_from_the_site(client, work) -> None:
    for format_name, content_type in (("azw3", "application/vnd.amazon.mobi8-ebook"), ("pdf", "application/pdf")):
        response = client.get(reverse("transfer:download", kwargs={"work_id": work.pk, "format_name": format_name}))
        assert response.status_code == 200, response.content[:500]
        assert response["Content-Type"] == content_type
        body = b"".join(response.streaming_content)
        offset, magic = SIGNATURES[format_name]
        assert body[offset : offset + len(magic)] == magic
    # The EPUB they were made from was built (once) on the way.
    assert sorted(Download.objects.filter(work=work).values_list("format", flat=True)) == ["azw3", "epub", "pdf"]
    page = client.get(work.get_absolute_url()).content.decode()
    assert "download>PDF</a>" in page and "unavailable" not in page


@pytest.mark.django_db
def test_a_crashing_conversion_is_reported(client, user, monkeypatch) -> None:
    work = make_work(creator=user)
    monkeypatch.setitem(converters()["mobi"].options, "args", ["--no-such-option"])
    response = client.get(reverse("transfer:download", kwargs={"work_id": work.pk, "format_name": "mobi"}))
    assert response.status_code == 503
    assert "ebook-convert failed" in Download.objects.get(work=work, format="mobi").error
