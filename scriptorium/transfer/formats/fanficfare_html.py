"""FanFicFare's HTML output (``fanficfare -f html``), written from the structure of its HTML writer::

    <title>Title by Author</title>
    <h1><a href="story url">Title</a> by <a class="authorlink">Author</a>, <a …>Co-author</a></h1>
    <table class="full">                                   the title page: one row per entry
      <tr><td><b>Category:</b></td><td>Fandom, Fandom</td></tr>      (AO3: fandoms; "Genre": categories and
      …  Series, Genre, Language, Characters, Relationships,        freeform tags together)
         Status, Published, Updated, Packaged, Rating, Warnings, Chapters, Words, Publisher, Summary
    </table>
    <a name="TOCTOP"><h2>Table of Contents</h2></a> <p> links </p>   (only for several chapters)
    <a name="section0001"><h2>1. Chapter title</h2></a>              (one chapter: the work's title)
    <div class="story">
      <div class="fff_chapter_notes fff_head_notes"> <b>Author's Note:</b><blockquote>work notes</blockquote>
        <b>Summary for the Chapter:</b><blockquote>…</blockquote> <b>Notes for the Chapter:</b><blockquote>…
      </div>
      <div class="userstuff module"> chapter text </div>
      <div class="fff_chapter_notes fff_foot_notes"> <b>Notes for the Chapter:</b><blockquote>end notes…
        <b>Author's Note:</b><blockquote>the work's end notes (last chapter)</blockquote> </div>
    </div>

Title page entries go through the same label reader as FanFicFare's TXT and EPUB title pages; its
bookkeeping (Packaged, Publisher, Words, Chapters, Story URL, Kudos, Hits…) is kept aside, never made a tag.
"""

from __future__ import annotations

import re

from lxml import etree

from scriptorium.transfer.formats.common import apply_label, heading_title
from scriptorium.transfer.formats.markup import (
    Block,
    body_of,
    chapter_from_blocks,
    clean_tree,
    element_text,
    flatten,
    html_to_plain,
    serialize,
)
from scriptorium.transfer.parsed import ParsedChapter, ParsedWork
from scriptorium.transfer.plaintext.fields import split_people

SOURCE_FORMAT = "fanficfare-html"
_SECTION = re.compile(r"^section\d+$")
_NUMBERED = re.compile(r"^\d+\.\s+")
#: FanFicFare's default labels for the notes it writes around a chapter (``notelabel_*`` in its defaults.ini).
_HEAD_NOTES = {"author's note": "work_notes", "summary for the chapter": "summary", "notes for the chapter": "notes"}
_FOOT_NOTES = {"notes for the chapter": "end_notes", "author's note": "work_end_notes"}


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _title_table(root: etree._Element) -> etree._Element | None:
    for table in root.iter("table"):
        rows = [row for row in table.iter("tr") if _row(row) is not None]
        if rows and ("full" in _classes(table) or len(rows) >= 3):
            return table
    return None


def _row(row: etree._Element) -> tuple[str, etree._Element] | None:
    """A title page row: ``<td><b>Label:</b></td><td>value</td>``."""
    cells = [cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
    if len(cells) != 2:
        return None
    label = element_text(cells[0])
    if not label.endswith(":") or next(cells[0].iter("b"), None) is None:
        return None
    return label.rstrip(":").strip(), cells[1]


def _sections(root: etree._Element) -> list[etree._Element]:
    return [a for a in root.iter("a") if _SECTION.match(a.get("name") or a.get("id") or "")]


def is_fanficfare_html(root: etree._Element) -> bool:
    """FanFicFare's page: an ``<h1>`` title, the title page table and its ``section0001``… chapter anchors."""
    body = body_of(root)
    first = next((e for e in body if isinstance(e.tag, str)), None)
    return first is not None and first.tag == "h1" and _title_table(root) is not None and bool(_sections(root))


def read_metadata(root: etree._Element, work: ParsedWork) -> None:
    """Title, authors and the title page: read before links are unwrapped (each author is a link)."""
    work.source_format = SOURCE_FORMAT
    heading = next(body_of(root).iter("h1"), None)
    if heading is not None:
        links = [a for a in heading.iter("a") if element_text(a)]
        if links and not _classes(links[0]) & {"authorlink"}:
            work.title = element_text(links[0])[:255]
            authors = [element_text(a) for a in links[1:]]
        else:
            title, _, by = element_text(heading).rpartition(" by ")
            work.title = (title or element_text(heading))[:255]
            authors = split_people(by) if title else []
        work.creators = [name for name in authors if name]
    table = _title_table(root)
    counts: dict[str, int | None] = {}
    for row in table.iter("tr") if table is not None else ():
        found = _row(row)
        if found is None:
            continue
        label, cell = found
        key = label.casefold()
        if key in ("summary", "description"):
            work.summary = html_to_plain("".join(serialize(child) for child in cell) or element_text(cell))
            continue
        if key in ("title", "author", "authors") and (work.title if key == "title" else work.creators):
            continue
        value = element_text(cell)
        if key == "chapters" and value.replace(",", "").isdigit():
            counts["posted"] = int(value.replace(",", ""))  # posted so far; the whole when complete
            work.extras[label] = value
            continue
        apply_label(label, value, work, counts)
    total = counts.get("total") or (counts.get("posted") if work.complete else None)
    if total:
        work.expected_chapters = total


def _split_notes(container: etree._Element, labels: dict[str, str]) -> dict[str, str]:
    """``<b>Label:</b><blockquote>…</blockquote>`` pairs in one of FanFicFare's notes blocks."""
    found: dict[str, str] = {}
    label = ""
    for child in container:
        if not isinstance(child.tag, str):
            continue
        if child.tag in ("b", "strong"):
            label = element_text(child).rstrip(":").strip().casefold()
        elif child.tag in ("blockquote", "div") and label:
            text = html_to_plain("".join(serialize(c) for c in child) or element_text(child))
            target = labels.get(label, "notes" if "end_notes" not in labels.values() else "end_notes")
            found[target] = f"{found[target]}\n\n{text}" if found.get(target) else text
            label = ""
    return found


def _chapter(title: str, parts: list[etree._Element], work: ParsedWork) -> tuple[ParsedChapter, int]:
    wrapper = etree.Element("div")
    notes: dict[str, str] = {}
    for part in parts:
        for element in list(part.iter()) if isinstance(part.tag, str) else []:
            classes = _classes(element)
            if "fff_chapter_notes" in classes and element.getparent() is not None:
                labels = _FOOT_NOTES if "fff_foot_notes" in classes else _HEAD_NOTES
                notes.update(_split_notes(element, labels))
                element.getparent().remove(element)
        wrapper.append(part)
    images = clean_tree(wrapper)
    blocks: list[Block] = flatten(wrapper)
    chapter = chapter_from_blocks(title, blocks)
    chapter.summary = notes.get("summary", "")
    chapter.notes = notes.get("notes", "")
    chapter.end_notes = notes.get("end_notes", "")
    work.notes = work.notes or notes.get("work_notes", "")
    work.end_notes = notes.get("work_end_notes", "") or work.end_notes
    return chapter, images


def _chapter_title(anchor: etree._Element, work: ParsedWork, several: bool) -> str:
    title = " ".join(element_text(anchor).split())
    if not several and title == work.title:
        return ""  # a one-chapter story is headed by the work's title
    return heading_title(_NUMBERED.sub("", title)) if title else ""


def read_chapters(root: etree._Element, work: ParsedWork) -> int:
    """Each ``section`` anchor opens a chapter that runs to the next one (the table of contents is left out);
    each chapter is cleaned on its own (the anchors are links without an address, which cleaning unwraps).
    Returns how many images were left out."""
    anchors = _sections(root)
    several = len(anchors) > 1
    chapters: list[ParsedChapter] = []
    images = 0
    for index, anchor in enumerate(anchors):
        following = anchors[index + 1] if index + 1 < len(anchors) else None
        parts: list[etree._Element] = []
        sibling = anchor.getnext()
        if anchor.tail and anchor.tail.strip():
            holder = etree.Element("p")
            holder.text = anchor.tail
            parts.append(holder)
        while sibling is not None and sibling is not following:
            nxt = sibling.getnext()
            if not (isinstance(sibling.tag, str) and sibling.tag == "a" and _SECTION.match(sibling.get("name") or "")):
                parts.append(sibling)
            sibling = nxt
        title_from = anchor
        if not element_text(anchor) and parts and isinstance(parts[0].tag, str) and parts[0].tag in ("h2", "h3"):
            title_from = parts.pop(0)  # a parser that moved the heading out of its anchor
        chapter, left_out = _chapter(_chapter_title(title_from, work, several), parts, work)
        chapters.append(chapter)
        images += left_out
    work.chapters = chapters
    return images
