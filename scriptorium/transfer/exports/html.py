"""The HTML download: one file with our stylesheet inline and AO3's layout (preface, chapters, afterword)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from scriptorium.transfer.exports.base import Converter
from scriptorium.transfer.exports.document import OURS, STYLESHEET, afterword, chapter_blocks, preface
from scriptorium.transfer.exports.snapshot import WorkSnapshot
from scriptorium.transfer.exports.xhtml import escape


def _toc(work: WorkSnapshot) -> str:
    if len(work.chapters) < 2:
        return ""
    items = "\n".join(
        f'<li><a href="#chapter-{chapter.position}">{escape(chapter.display_title)}</a></li>'
        for chapter in work.chapters
    )
    return (
        f'<nav id="toc" aria-labelledby="toc-heading"{OURS}>\n<h2 id="toc-heading">Contents</h2>\n'
        f"<ol>\n{items}\n</ol>\n</nav>\n"
    )


def html_parts(work: WorkSnapshot) -> Iterator[str]:
    """The document in pieces (a long work is written out without one giant string)."""
    lang = escape(work.language)
    authors = escape(", ".join(work.creator_names))
    yield (
        "<!DOCTYPE html>\n"
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}" dir="{work.direction}">\n'
        "<head>\n"
        '<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{escape(work.title)}</title>\n"
        f'<meta name="author" content="{authors}"/>\n'
        f'<meta name="generator" content="{escape(work.site_name)} (Scriptorium)"/>\n'
        f"<style>\n{STYLESHEET}</style>\n"
        "</head>\n<body>\n"
    )
    yield preface(work, keep_images=True)
    yield _toc(work)
    yield '<div id="chapters" class="userstuff">\n'
    yield from chapter_blocks(work, keep_images=True)
    yield "</div>\n"
    yield afterword(work, keep_images=True)
    yield "</body>\n</html>\n"


class HtmlConverter(Converter):
    extension = "html"
    content_type = "text/html; charset=utf-8"
    label = "HTML"

    def convert(self, *, work: WorkSnapshot | None, inputs: Mapping[str, Path], target: Path) -> None:
        assert work is not None
        with target.open("w", encoding="utf-8", newline="\n") as out:
            out.writelines(html_parts(work))
