"""HTML building blocks shared by the HTML, EPUB, Markdown and DOCX importers.

A document body is flattened into :class:`Block` s (paragraphs, headings, lists, quotes…), descending through
wrapper ``div``/``section`` elements, so that chapters can be cut at headings wherever they sit. Chapter HTML
always leaves here through :func:`chapter_from_blocks`, which runs the archive's one sanitizer.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from scriptorium.core.sanitize import sanitize_html
from scriptorium.core.text import html_to_paragraphs, html_to_text
from scriptorium.transfer.formats.common import heading_title
from scriptorium.transfer.formats.safety import refuse_entities, xml_parser
from scriptorium.transfer.parsed import ParsedChapter, ParsedWork
from scriptorium.transfer.plaintext.common import match_heading
from scriptorium.transfer.xmltree import remove_keep_tail, unwrap

_CONTAINERS = frozenset({"div", "section", "article", "main", "body", "header", "footer", "aside", "center"})
_DROPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "nav",
        "head",
        "title",
        "meta",
        "link",
    }
)
_BLOCKS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "pre",
        "table",
        "hr",
        "figure",
        "address",
        "details",
    }
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_DOUBLE_BREAK = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)
_SAFE_LINK = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


@dataclass
class Block:
    """One block of a document: its HTML, its plain text, and its heading level (None for prose)."""

    html: str
    text: str
    heading: int | None = None


def element_text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _strip_namespaces(root: etree._Element) -> etree._Element:
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(root)
    return root


def parse_document(data: bytes | str, what: str, *, xml_first: bool = True) -> etree._Element:
    """Parse (X)HTML: as XML when it is well-formed (EPUB content), else with the forgiving HTML parser.

    Namespaces are dropped, so callers look for plain ``body``, ``p``, ``h2``…; declared entities are refused.
    """
    if isinstance(data, str):
        # Decoded already: an encoding named in the XML declaration no longer applies.
        data = _XML_DECLARATION.sub("", data.removeprefix("\ufeff"), count=1)
        raw = data.encode("utf-8")
    else:
        raw = data
    refuse_entities(raw, what)
    if xml_first:
        try:
            return _strip_namespaces(etree.fromstring(raw, parser=xml_parser()))
        except (etree.XMLSyntaxError, ValueError):
            pass
    text = data if isinstance(data, str) else raw.decode("utf-8", errors="replace")
    text = _XML_DECLARATION.sub("", text.removeprefix("\ufeff"), count=1)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text or "<p></p>", parser=parser)
    except (etree.ParserError, ValueError):
        root = lxml.html.document_fromstring("<p></p>", parser=parser)
    return _strip_namespaces(root)


def body_of(root: etree._Element) -> etree._Element:
    body = root.find(".//body")
    return body if body is not None else root


def clean_tree(root: etree._Element) -> int:
    """Remove what an import cannot keep (scripts, forms, images whose files stay behind) and unwrap links
    into the old file's own pages; returns how many images were left out."""
    images = 0
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            # An unresolved entity reference (``&nbsp;`` in XHTML) becomes its character; comments go.
            remove_keep_tail(element, html_lib.unescape(element.text or "") if _is_entity(element) else "")
            continue
        tag = element.tag.lower()
        if tag in _DROPPED:
            remove_keep_tail(element)
        elif tag in ("img", "image"):
            images += 1
            remove_keep_tail(element)
        elif tag == "a" and not _SAFE_LINK.match(element.get("href") or ""):
            unwrap(element)  # a link to another page of the old file keeps its words
    return images


def _is_entity(element: etree._Element) -> bool:
    return element.tag is etree.Entity


def serialize(element: etree._Element) -> str:
    return etree.tostring(element, method="html", encoding="unicode", with_tail=False)


def _flush(pending: list[str], blocks: list[Block]) -> None:
    joined = "".join(pending).strip()
    pending.clear()
    if not joined:
        return
    for part in _DOUBLE_BREAK.split(joined):
        text = " ".join(html_to_text(part).split())
        if text:
            blocks.append(Block(f"<p>{part.strip()}</p>", text))


def flatten(container: etree._Element) -> list[Block]:
    """The blocks of ``container`` in reading order; loose text and inline elements become paragraphs."""
    blocks: list[Block] = []
    pending: list[str] = []
    if container.text and container.text.strip():
        pending.append(html_lib.escape(container.text, quote=False))
    for child in container:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in _CONTAINERS:
            _flush(pending, blocks)
            blocks.extend(flatten(child))
        elif tag in _BLOCKS:
            _flush(pending, blocks)
            text = element_text(child)
            if text or tag == "hr":
                blocks.append(Block(serialize(child), text, _HEADINGS.get(tag)))
        elif tag:
            pending.append(serialize(child))
        if child.tail and child.tail.strip():
            pending.append(html_lib.escape(child.tail, quote=False))
        elif child.tail and pending:
            pending.append(" ")
    _flush(pending, blocks)
    return blocks


def is_chapter_marker(block: Block) -> bool:
    """A heading or a short lone paragraph reading "Chapter 3", "Chapter Four: Title", "Prologue"…"""
    return len(block.text) <= 120 and match_heading(block.text) is not None


def chapter_level(blocks: list[Block]) -> tuple[str | None, int | None, list[Block]]:
    """Which heading level cuts chapters, and the document title when the document opens with a lone h1.

    Returns ``(title, level, blocks)`` where the title block has been taken out of ``blocks``.
    """
    h1 = [i for i, block in enumerate(blocks) if block.heading == 1]
    h2 = [i for i, block in enumerate(blocks) if block.heading == 2]
    if len(h1) == 1 and h1[0] == 0 and not is_chapter_marker(blocks[0]):
        return blocks[0].text, (2 if h2 else None), blocks[1:]
    if h1:
        return None, 1, blocks
    if h2:
        return None, 2, blocks
    return None, None, blocks


def split_chapters(blocks: list[Block], level: int | None, *, markers: bool = True) -> list[tuple[str, list[Block]]]:
    """Cut blocks at headings of ``level`` and (with ``markers``) at "Chapter N" markers; text before the first
    cut is a chapter."""
    chapters: list[tuple[str, list[Block]]] = [("", [])]
    for block in blocks:
        if (level is not None and block.heading == level) or (markers and is_chapter_marker(block)):
            chapters.append((heading_title(block.text), []))
        else:
            chapters[-1][1].append(block)
    if not chapters[0][1]:
        chapters.pop(0)
    return chapters


def chapter_from_blocks(title: str, blocks: list[Block]) -> ParsedChapter:
    html = sanitize_html("\n".join(block.html for block in blocks))
    return ParsedChapter(title=title, html=html, paragraphs=html_to_paragraphs(html))


def fill_chapters(work: ParsedWork, chapters: list[tuple[str, list[Block]]]) -> None:
    if len(chapters) > 1 and not chapters[0][0] and chapters[0][1]:
        work.add_problem(
            "chapters",
            "Text before the first chapter heading was kept as a chapter of its own; "
            "it may be a note rather than story text.",
            "info",
        )
    work.chapters = [chapter_from_blocks(title, blocks) for title, blocks in chapters]


def html_to_plain(fragment: str) -> str:
    """A summary or note as the plain text ParsedWork carries (paragraphs separated by blank lines)."""
    return "\n\n".join(html_to_paragraphs(sanitize_html(fragment)))


def report_images(work: ParsedWork, images: int) -> None:
    if images:
        what = f"{images} images were" if images != 1 else "1 image was"
        work.add_problem("chapters", f"{what} left out: images are not imported.", "info")
