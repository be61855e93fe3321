"""What an EPUB page holds besides plain prose: words drawn in SVG, MathML formulas, FanFicFare's notes.

Nothing here is dropped in silence: words drawn as SVG ``<text>`` (fixed-layout books) are read as paragraphs,
a formula keeps its ``alttext`` when it has one, and :meth:`Dropped.report` tells the person importing what
could not be kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from scriptorium.transfer.formats.markup import element_text, html_to_plain, serialize
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.xmltree import remove_keep_tail

#: FanFicFare's labels for the notes it puts around a chapter's text (its AO3 adapter's defaults).
_FFF_NOTE_LABELS = {
    "author's note": "work",
    "summary for the chapter": "summary",
    "notes for the chapter": "notes",
    "notes for the end of the chapter": "end_notes",
}
#: Headings that only label AO3's text ("Work Text:", "Chapter Text"), never a title.
LANDMARKS = frozenset({"work text", "chapter text"})


@dataclass
class Dropped:
    """What the pages held that an imported chapter cannot keep, counted for the report."""

    formulas: int = 0
    svg_text: int = 0
    svg_pages: int = 0

    def report(self, work: ParsedWork) -> None:
        if self.formulas:
            what = "1 formula (MathML) was" if self.formulas == 1 else f"{self.formulas} formulas (MathML) were"
            work.add_problem(
                "chapters",
                f"{what} left out: formulas are not imported (where the book gave a text version, it was kept).",
                "doubtful",
            )
        if self.svg_text:
            pages = "1 page" if self.svg_pages == 1 else f"{self.svg_pages} pages"
            work.add_problem(
                "chapters",
                f"{pages} drew their words as pictures (SVG text, a fixed-layout book): the words were read line by "
                "line as paragraphs, but their layout and any drawings were left out. Check the text.",
                "doubtful",
            )


def _local(element: etree._Element) -> str:
    return element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""


def read_svg_text(root: etree._Element, dropped: Dropped) -> None:
    """An ``<svg>`` that draws words becomes a ``<div>`` of paragraphs, one per ``<text>`` element."""
    found = False
    for svg in [e for e in root.iter() if _local(e) == "svg"]:
        if svg.getparent() is None:
            continue
        lines = []
        for text in svg.iter():
            if _local(text) != "text":
                continue
            pieces = [" ".join("".join(span.itertext()).split()) for span in text if _local(span) == "tspan"]
            line = " ".join(p for p in pieces if p) if pieces else element_text(text)
            if line:
                lines.append(line)
        if not lines:
            continue
        found = True
        dropped.svg_text += len(lines)
        div = etree.Element("div")
        for line in lines:
            etree.SubElement(div, "p").text = line
        div.tail = svg.tail
        svg.getparent().replace(svg, div)
    if found:
        dropped.svg_pages += 1


def replace_math(root: etree._Element, dropped: Dropped) -> None:
    """Each MathML ``<math>`` is counted and replaced by its ``alttext`` (or nothing)."""
    for math in [e for e in root.iter() if _local(e) == "math"]:
        if math.getparent() is None:
            continue
        dropped.formulas += 1
        alt = " ".join((math.get("alttext") or "").split())
        remove_keep_tail(math, alt)


def take_fanficfare_notes(root: etree._Element) -> dict[str, str]:
    """FanFicFare's ``div.fff_chapter_notes`` (a bold label, then the note), taken out of the page.

    Returns the notes by where they belong: "notes"/"end_notes" of the work ("Author's Note:" before the first
    chapter's text or after the last one's), or "summary"/"chapter_notes"/"chapter_end_notes" of the chapter.
    """
    found: dict[str, str] = {}
    for div in [e for e in root.iter("div") if "fff_chapter_notes" in (e.get("class") or "").split()]:
        foot = "fff_foot_notes" in (div.get("class") or "").split()
        label = ""
        parts: dict[str, list[str]] = {}
        pieces: list[str] = []
        for child in div:
            if child.tag in ("b", "strong") and element_text(child).endswith(":"):
                label = element_text(child).rstrip(":").strip().casefold()
                continue
            kind = _FFF_NOTE_LABELS.get(label)
            if kind is None:
                pieces.append(serialize(child))
                continue
            if kind == "work":
                key = "end_notes" if foot else "notes"
            elif kind == "notes":
                key = "chapter_end_notes" if foot else "chapter_notes"
            elif kind == "end_notes":
                key = "chapter_end_notes"
            else:
                key = kind
            parts.setdefault(key, []).append(serialize(child))
        for key, html in parts.items():
            text = html_to_plain("".join(html))
            if text:
                found[key] = f"{found[key]}\n\n{text}" if key in found else text
        if pieces and not parts:
            continue  # not FanFicFare's notes after all: leave the page as it is
        remove_keep_tail(div)
    return found
