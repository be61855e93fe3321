"""Downloads never fetch an image from elsewhere (issue 14, finding 5): a download is opened away from the
archive, where no Content-Security-Policy applies and a tracking pixel would report the reader, so each image
becomes a link showing its alt text, whatever the site's SCRIPTORIUM_REMOTE_IMAGES says."""

from __future__ import annotations

import zipfile

import pytest

from scriptorium.transfer.exports.epub import write_epub
from scriptorium.transfer.exports.html import html_parts
from scriptorium.transfer.exports.markdown import markdown_parts
from scriptorium.transfer.exports.snapshot import work_snapshot
from tests.factories import make_work

pytestmark = pytest.mark.django_db

PIXEL = "https://tracker.example/p.gif?reader=1"


@pytest.fixture
def pictured(settings):
    settings.SCRIPTORIUM_REMOTE_IMAGES = True  # the site shows them; the downloads still do not
    return make_work(
        title="Pictured",
        summary=f'<p>Summary<img src="{PIXEL}"></p>',
        chapters=['<p>The map: <img src="https://pics.example/map.png" alt="the coast road"></p><p>End.</p>'],
    )


def test_the_html_download_links_images_instead_of_loading_them(pictured) -> None:
    html = "".join(html_parts(work_snapshot(pictured)))

    assert "<img" not in html
    assert 'href="https://pics.example/map.png"' in html and "[Image: the coast road]" in html
    assert 'href="https://tracker.example/p.gif?reader=1"' in html and "[Image from tracker.example]" in html


def test_the_markdown_download_has_no_image_to_fetch(pictured) -> None:
    markdown = "".join(markdown_parts(work_snapshot(pictured)))

    assert "![" not in markdown
    assert "[\\[Image: the coast road\\]](https://pics.example/map.png)" in markdown


def test_the_epub_keeps_the_images_alt_text_as_a_link(pictured, tmp_path) -> None:
    target = tmp_path / "book.epub"
    write_epub(work_snapshot(pictured), target)

    with zipfile.ZipFile(target) as book:
        pages = "".join(book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml"))
    assert "<img" not in pages
    assert "[Image: the coast road]" in pages
