"""The pages of an EPUB's spine: which are chapters, what they are called, FanFicFare's title page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from scriptorium.core.text import html_to_text
from scriptorium.transfer.formats.common import heading_title
from scriptorium.transfer.formats.markup import (
    Block,
    body_of,
    chapter_from_blocks,
    chapter_level,
    clean_tree,
    element_text,
    flatten,
    report_images,
    serialize,
    split_chapters,
)
from scriptorium.transfer.parsed import ParsedWork

_FRONT_MATTER = re.compile(r"(cover|title_?page|titlepage|toc|contents|copyright|colophon|jacket|log_page|info)")
_FFF_EXTRA = re.compile(r"(title_page|toc_page|log_page|cover)")
_LABEL_LINE = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<value>.*)$")
#: A front-matter page with at least this many words is kept as story text all the same.
_FRONT_MATTER_WORDS = 150


@dataclass
class Page:
    name: str
    root: etree._Element
    item_id: str = ""
    is_nav: bool = False

    def _names(self) -> str:
        return f"{self.name.rsplit('/', 1)[-1]} {self.item_id}".casefold()

    def is_title_page(self) -> bool:
        return "title_page" in self._names() or "titlepage" in self._names()

    def is_front_matter(self) -> bool:
        return bool(_FRONT_MATTER.search(self._names()))

    def is_fanficfare_extra(self) -> bool:
        return bool(_FFF_EXTRA.search(self._names()))


def read_title_page(root: etree._Element) -> list[tuple[str, str]]:
    """FanFicFare's ``<b>Label:</b> value<br/>`` lines; a value may run on over several lines (a summary)."""
    body = body_of(root)
    labels = {
        element_text(bold).rstrip(":").strip() for bold in body.iter("b", "strong") if element_text(bold).endswith(":")
    }
    if not labels:
        return []
    entries: list[list[str]] = []
    text = html_to_text("".join(serialize(child) for child in body) or element_text(body))
    for line in text.split("\n"):
        line = " ".join(line.split())
        match = _LABEL_LINE.match(line)
        if match and match.group("label").strip() in labels:
            entries.append([match.group("label").strip(), match.group("value")])
        elif entries and line:
            entries[-1][1] = f"{entries[-1][1]}\n\n{line}".strip()
    return [(label, value.strip()) for label, value in entries if value.strip()]


def _fanficfare_title(root: etree._Element) -> str:
    """``<meta name="chaptertitle">``, else the ``<h3 class="fff_chapter_title">`` (which leaves the text)."""
    meta = next((m for m in root.iter("meta") if (m.get("name") or "").casefold() == "chaptertitle"), None)
    title = " ".join((meta.get("content") or "").split()) if meta is not None else ""
    for heading in root.iter("h1", "h2", "h3"):
        if "fff_chapter_title" in (heading.get("class") or "").split():
            title = title or element_text(heading)
            heading.getparent().remove(heading)
            break
    return title


def _page_chapter(page: Page, labels: dict[str, str], *, fanficfare: bool) -> tuple[str, list[Block], int]:
    title = _fanficfare_title(page.root) if fanficfare else ""
    images = clean_tree(page.root)
    blocks = flatten(body_of(page.root))
    first = blocks[0] if blocks else None
    is_heading = first is not None and first.heading is not None and first.heading <= 3
    if first is not None and is_heading and (not title or first.text.casefold() == title.casefold()):
        title = title or first.text
        blocks = blocks[1:]
    if not title:
        title = labels.get(page.name.casefold(), "")
    return heading_title(title) if title else "", blocks, images


def fill_generic(pages: list[Page], labels: dict[str, str], work: ParsedWork, *, fanficfare: bool) -> None:
    """One chapter per spine page that holds story text (cover, title and contents pages are skipped)."""
    chapters: list[tuple[str, list[Block]]] = []
    images = 0
    for page in pages:
        if page.is_nav or (fanficfare and page.is_fanficfare_extra()):
            continue
        title, blocks, page_images = _page_chapter(page, labels, fanficfare=fanficfare)
        words = sum(len(block.text.split()) for block in blocks)
        if not words or (page.is_front_matter() and words < _FRONT_MATTER_WORDS):
            continue
        images += page_images
        chapters.append((title, blocks))
    if len(chapters) == 1 and not fanficfare:
        # One page holding the whole story (a converted document): cut it at its own chapter headings.
        book_title, level, blocks = chapter_level(chapters[0][1])
        parts = split_chapters(blocks, level)
        if len(parts) > 1:
            if book_title and work.title is None:
                work.title = book_title
            chapters = parts
    report_images(work, images)
    work.chapters = [chapter_from_blocks(title, blocks) for title, blocks in chapters]
