"""Word documents (.docx), read with python-docx.

- Paragraphs become ``<p>``; italic, bold, underline and strike-through runs stay as em, strong, u and s;
  line breaks inside a paragraph become ``<br />``; centred paragraphs (scene breaks) stay centred.
- The title is the document's core "title" property, else the first Title-style paragraph (or a lone
  leading Heading 1 followed by Heading 2 chapters); the author is the core "author" property unless it is
  a default Word fills in.
- Chapters are cut at Heading 1 / Heading 2 paragraphs (the level that repeats) and at "Chapter N" lines.

The DOCX is a ZIP: it is opened through :func:`safety.open_zip` and its XML parts are checked for entity
declarations before python-docx (which itself parses with entities unresolved) reads them.
"""

from __future__ import annotations

import html as html_lib
import io
import re

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from scriptorium.transfer.formats.common import apply_label, finish, is_placeholder_author, language
from scriptorium.transfer.formats.header import byline, read_header
from scriptorium.transfer.formats.markup import Block, chapter_level, fill_chapters, report_images, split_chapters
from scriptorium.transfer.formats.safety import corrupt, open_zip, refuse_entities
from scriptorium.transfer.parsed import ImportRejected, ParsedWork
from scriptorium.transfer.plaintext.fields import split_people

SOURCE_FORMAT = "docx"
KIND = "a Word document (.docx)"
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_SAFE_LINK = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
#: Paragraphs looked at for a metadata header, and the most words a title line above a "by …" line has.
_HEADER_BLOCKS = 120
_MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_TITLE_WORDS = 15


def _run_html(run: Run) -> str:
    text = html_lib.escape(run.text, quote=False).replace("\n", "<br />").replace("\t", " ")
    if not text:
        return ""
    for flag, tag in ((run.font.strike, "s"), (run.underline, "u"), (run.bold, "strong"), (run.italic, "em")):
        if flag:
            text = f"<{tag}>{text}</{tag}>"
    return text


def _paragraph_html(paragraph: Paragraph) -> str:
    pieces: list[str] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            inner = "".join(_run_html(run) for run in item.runs)
            address = item.address or ""
            pieces.append(f'<a href="{html_lib.escape(address)}">{inner}</a>' if _SAFE_LINK.match(address) else inner)
        else:
            pieces.append(_run_html(item))
    # Adjacent runs with the same formatting: "<em>a</em><em>b</em>" reads better as "<em>ab</em>".
    joined = "".join(pieces)
    for tag in ("em", "strong", "u", "s"):
        joined = joined.replace(f"</{tag}><{tag}>", "")
    return joined.strip()


def _style_name(paragraph: Paragraph) -> str:
    try:
        return (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        return ""


def _table_block(table: Table) -> Block | None:
    """A table (writers use them for text messages and letters) with each cell's paragraphs."""
    rows: list[str] = []
    texts: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append("<br />".join(_paragraph_html(p) for p in cell.paragraphs if p.text.strip()))
            texts.append(" ".join(cell.text.split()))
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    text = " ".join(t for t in texts if t)
    return Block(f"<table>{''.join(rows)}</table>", text) if text else None


def _blocks(document: docx.document.Document) -> tuple[str, list[Block]]:
    """The document's blocks in order, and the text of its first Title-style paragraph."""
    title = ""
    blocks: list[Block] = []
    for paragraph in document.iter_inner_content():
        if isinstance(paragraph, Table):
            block = _table_block(paragraph)
            if block is not None:
                blocks.append(block)
            continue
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = _style_name(paragraph)
        if style.casefold() == "title" and not title:
            title = text
            continue
        heading = _HEADING_STYLE.match(style)
        level = int(heading.group(1)) if heading else None
        inner = _paragraph_html(paragraph)
        if level is not None:
            blocks.append(Block(f"<h{level}>{inner}</h{level}>", text, level))
        elif paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER:
            blocks.append(Block(f'<p align="center">{inner}</p>', text))
        else:
            blocks.append(Block(f"<p>{inner}</p>", text))
    return title, blocks


def _dropped(document: docx.document.Document) -> tuple[int, int]:
    """How many pictures (drawings, old VML pictures) and equations the body holds: none of them is imported."""
    body = document.element.body
    pictures = sum(1 for _ in body.iter(qn("w:drawing"), qn("w:pict")))
    formulas = sum(1 for _ in body.iter(f"{{{_MATH_NS}}}oMath"))
    return pictures, formulas


def _check_parts(data: bytes, *, max_bytes: int) -> None:
    archive = open_zip(data, max_bytes=max_bytes, kind=KIND)
    if archive.find("word/document.xml") is None:
        raise ImportRejected("corrupt", "The Word document has no body (word/document.xml is missing).")
    for name in archive.names():
        if name.casefold().endswith((".xml", ".rels")):
            refuse_entities(archive.read(name), f"The Word document's part {name}")


def _read_header(blocks: list[Block], work: ParsedWork) -> list[Block]:
    """Metadata paragraphs above the story (a title over a "by …" line, "Rating: Mature", "Summary:" and its
    paragraph), read into ``work`` and taken out of ``blocks``. A leading heading stays (it is the title)."""
    keep = blocks[:1] if blocks and blocks[0].heading is not None else []
    rest = blocks[len(keep) :]
    title = creators = ""
    short = bool(rest) and rest[0].heading is None and len(rest[0].text.split()) <= _TITLE_WORDS
    if len(rest) > 2 and short and byline(rest[1].text):
        title, creators, rest = rest[0].text, byline(rest[1].text), rest[2:]
    elif rest and byline(rest[0].text) and keep:
        creators, rest = byline(rest[0].text), rest[1:]
    lines: list[str] = []
    for block in rest[:_HEADER_BLOCKS]:
        lines += [block.text, ""]
    header = read_header(lines, markdown_title=False)
    if not (header.end or title or creators):
        return blocks
    if title and work.title is None:
        work.title = title[:255]
    creators = creators or header.creators
    if creators:
        work.creators = split_people(creators)
    for label, value in header.entries:
        key = label.casefold()
        if key in ("notes", "author's note", "author's notes"):
            work.notes = value
        elif key == "end notes":
            work.end_notes = value
        else:
            apply_label(label, value, work)
    return keep + rest[(header.end + 1) // 2 :]


def parse_docx(data: bytes, *, max_bytes: int) -> ParsedWork:
    """Parse a .docx file; raises ImportRejected for damaged or hostile files and documents without text."""
    _check_parts(data, max_bytes=max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises lxml, zipfile and KeyError failures on damaged files
        raise corrupt(KIND) from exc
    work = ParsedWork(source_format=SOURCE_FORMAT)
    properties = document.core_properties
    style_title, blocks = _blocks(document)
    pictures, formulas = _dropped(document)
    if not blocks:
        only = f", only {pictures} picture{'s' if pictures != 1 else ''}" if pictures else ""
        raise ImportRejected(
            "no-prose",
            f"The Word document holds no text{only}, so there is no story to import (pictures are not imported).",
        )
    report_images(work, pictures)
    if formulas:
        what = "1 equation was" if formulas == 1 else f"{formulas} equations were"
        work.add_problem("chapters", f"{what} left out: Word equations are not imported.", "doubtful")
    blocks = _read_header(blocks, work)
    heading_title, level, blocks = chapter_level(blocks)
    title = (properties.title or "").strip() or style_title or heading_title or ""
    if title and (work.title is None or (properties.title or style_title)):
        work.title = " ".join(title.split())[:255]
    author = (properties.author or "").strip()
    if author and not is_placeholder_author(author) and not work.creators:
        work.creators = split_people(author.replace(";", ","))
    if properties.language:
        work.language = language(properties.language)
    fill_chapters(work, split_chapters(blocks, level))
    return finish(work)
