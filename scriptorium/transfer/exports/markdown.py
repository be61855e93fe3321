"""The Markdown download: YAML front matter with the metadata, ``# Title``, a ``## Chapter N: Title`` heading per
chapter, and the text as CommonMark (what Markdown cannot say stays inline HTML, which Markdown allows).

Chapter summaries and notes are block quotes that open with their label in bold (``> **Chapter Notes:**``);
headings inside a chapter start at ``###`` so that only chapter headings cut chapters. Every character that
Markdown would read as markup is escaped, so the words come back exactly as they were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import lxml.html
from lxml import etree

from scriptorium.transfer.exports.base import Converter
from scriptorium.transfer.exports.document import series_text
from scriptorium.transfer.exports.snapshot import WorkSnapshot
from scriptorium.transfer.exports.text import paragraphs
from scriptorium.transfer.exports.xhtml import clean_text, to_xhtml

_ESCAPED = re.compile(r"([\\`*_\[\]<>&~|#])")
_SPACES = re.compile(r"[ \t\n\r\f]+")
#: Hard line breaks (a backslash ending a line) at either end of a paragraph, where Markdown has none.
_EDGE_BREAKS = re.compile(r"^(?:[ \t]*\\\n)+|(?:\\\n[ \t]*)+$")
_LIST_START = re.compile(r"^(\d{1,9})([.)])")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "pre",
        "table",
        "hr",
        "figure",
        "details",
        "address",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dd",
        "dt",
        "summary",
        "figcaption",
        "caption",
    }
)
_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**", "s": "~~", "del": "~~"}
_RAW_INLINE_ATTRIBUTES = ("title", "lang", "dir")


def escape(text: str) -> str:
    """Plain text as Markdown inline text (white space collapsed as HTML would)."""
    return _ESCAPED.sub(r"\\\1", _SPACES.sub(" ", text))


def _line_start(line: str) -> str:
    """Escape what would open a list, a thematic break or a setext underline at the start of a line."""
    line = line.lstrip(" ")
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    match = _LIST_START.match(line)
    if match:
        return f"{match.group(1)}\\{line[len(match.group(1)) :]}"
    return line


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _bounded(text: str) -> bool:
    return bool(text) and text[0].isalnum() and text[-1].isalnum()


def _raw_open(element: etree._Element, tag: str) -> str:
    attrs = "".join(
        f' {name}="{element.get(name).replace("&", "&amp;").replace(chr(34), "&quot;").replace("<", "&lt;")}"'
        for name in _RAW_INLINE_ATTRIBUTES
        if element.get(name)
    )
    return f"<{tag}{attrs}>"


def _inline(element: etree._Element) -> str:
    """The content of ``element`` as inline Markdown (hard line breaks as a backslash and a newline)."""
    out = [escape(element.text or "")]
    for child in element:
        tag = _tag(child)
        if tag == "br":
            out.append("\\\n")
        elif tag == "img":
            if child.get("src"):
                out.append(f"![{escape(child.get('alt', ''))}]({_url(child.get('src', ''))})")
        elif tag:
            inner = _inline(child)
            if tag == "a" and child.get("href"):
                out.append(f"[{inner}]({_url(child.get('href', ''))})" if inner.strip() else "")
            elif tag in _EMPHASIS and _bounded(inner) and "\n" not in inner:
                out.append(f"{_EMPHASIS[tag]}{inner}{_EMPHASIS[tag]}")
            elif tag == "code" and len(child) == 0 and "`" not in (child.text or "") and _bounded(child.text or ""):
                out.append(f"`{child.text}`")
            elif tag in ("span", "a") and not any(child.get(name) for name in _RAW_INLINE_ATTRIBUTES):
                out.append(inner)
            else:
                out.append(f"{_raw_open(child, tag)}{inner}</{tag}>")
        out.append(escape(child.tail or ""))
    return "".join(out)


def _url(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def _paragraph(text: str) -> str:
    """Inline Markdown as a paragraph: no break at either end, each line safe at the start of a line."""
    text = _EDGE_BREAKS.sub("", text).strip()
    lines = [_line_start(line.strip()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _raw_block(element: etree._Element) -> str:
    """A block Markdown has no syntax for, as an HTML block (on one line: a blank line would end it)."""
    html = etree.tostring(element, method="html", encoding="unicode", with_tail=False)
    return " ".join(html.split())


def _indent(text: str, prefix: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join((prefix if i == 0 else rest if line else "") + line for i, line in enumerate(lines))


def _list(element: etree._Element) -> str:
    ordered = _tag(element) == "ol"
    number = int(element.get("start", "1")) if ordered and element.get("start", "1").lstrip("-").isdigit() else 1
    number = max(number, 0)
    items = []
    for child in element:
        if _tag(child) != "li":
            continue
        marker = f"{number}." if ordered else "-"
        number += 1
        body = "\n\n".join(_blocks(child)) or ""
        items.append(_indent(body, f"{marker} ", " " * (len(marker) + 1)) if body else marker)
    return "\n\n".join(items)


def _blocks(container: etree._Element) -> list[str]:
    """The Markdown blocks of a flow container (loose text and inline elements become paragraphs)."""
    blocks: list[str] = []
    run = etree.Element("span")
    run.text = container.text

    def flush() -> None:
        nonlocal run
        text = _paragraph(_inline(run))
        if text:
            blocks.append(text)
        run = etree.Element("span")

    for child in list(container):
        tag = _tag(child)
        if tag not in _BLOCK_TAGS:
            tail, child.tail = child.tail, None
            run.append(child)
            child.tail = tail
            continue
        flush()
        run.text = child.tail
        block = _block(child, tag)
        if block:
            blocks.append(block)
    flush()
    return blocks


def _block(element: etree._Element, tag: str) -> str:
    if tag == "p":
        return _paragraph(_inline(element))
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        text = _inline(element).replace("\\\n", " ").strip()
        return f"{'#' * min(6, int(tag[1]) + 2)} {text}" if text else ""
    if tag == "blockquote":
        inner = "\n\n".join(_blocks(element))
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n")) if inner else ""
    if tag in ("ul", "ol"):
        return _list(element)
    if tag == "hr":
        return "* * *"
    if tag == "pre":
        code = "".join(element.itertext())
        fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", code)), default=0) + 1)
        return f"{fence}\n{code.rstrip(chr(10))}\n{fence}"
    if tag in ("div", "figure", "li", "dd", "dt", "figcaption", "summary", "caption"):
        return "\n\n".join(_blocks(element))
    return _raw_block(element)


def html_to_markdown(html: str) -> str:
    """Stored HTML as Markdown blocks separated by blank lines."""
    xhtml = to_xhtml(html, keep_images=True, heading_base=1)
    if not xhtml.strip():
        return ""
    root = lxml.html.fragment_fromstring(xhtml, create_parent="div")
    return "\n\n".join(block for block in _blocks(root) if block)


def _quote(value: str) -> str:
    return json.dumps(" ".join(clean_text(value).split()), ensure_ascii=False)


def _literal(html: str) -> str:
    """A YAML literal block of plain paragraphs."""
    text = "\n\n".join(paragraphs(html))
    return "|\n" + "\n".join(f"  {line}" if line else "" for line in text.split("\n"))


def front_matter(work: WorkSnapshot) -> str:
    entries: list[tuple[str, str]] = [
        ("title", _quote(work.title)),
        ("authors", json.dumps(work.creator_names, ensure_ascii=False)),
        ("rating", _quote(work.rating)),
    ]
    for key, links in (
        ("warnings", work.warnings),
        ("categories", work.categories),
        ("fandoms", work.fandoms),
        ("relationships", work.relationships),
        ("characters", work.characters),
        ("tags", work.additional_tags),
    ):
        if links:
            entries.append((key, json.dumps([link.name for link in links], ensure_ascii=False)))
    entries.append(("language", _quote(work.language)))
    if work.series:
        entries.append(("series", _quote(series_text(work))))
    entries.append(("status", _quote("Completed" if work.complete else "In-Progress")))
    entries.append(("chapters", _quote(work.chapters_display)))
    if work.published_on:
        entries.append(("published", work.published_on.isoformat()))
    if work.revised_on:
        entries.append(("updated", work.revised_on.isoformat()))
    entries.append(("words", str(work.word_count)))
    entries.append(("publisher", _quote(work.site_name)))
    if work.url:
        entries.append(("source", _quote(work.url)))
    for key, html in (("summary", work.summary), ("notes", work.notes), ("end_notes", work.end_notes)):
        if paragraphs(html):
            entries.append((key, _literal(html)))
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in entries) + "---\n\n"


def _labelled(label: str, html: str) -> str:
    body = html_to_markdown(html)
    if not body:
        return ""
    text = f"**{label}:**\n\n{body}"
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n")) + "\n\n"


def markdown_parts(work: WorkSnapshot) -> Iterator[str]:
    yield front_matter(work)
    yield f"# {escape(work.title).strip()}\n\n"
    for chapter in work.chapters:
        heading = (
            f"Chapter {chapter.position}: {escape(chapter.title).strip()}"
            if chapter.title.strip()
            else (f"Chapter {chapter.position}")
        )
        yield f"## {heading}\n\n"
        yield _labelled("Chapter Summary", chapter.summary)
        yield _labelled("Chapter Notes", chapter.notes)
        text = html_to_markdown(chapter.text)
        if text:
            yield text + "\n\n"
        yield _labelled("Chapter End Notes", chapter.end_notes)


class MarkdownConverter(Converter):
    extension = "md"
    content_type = "text/markdown; charset=utf-8"
    label = "Markdown"

    def convert(self, *, work: WorkSnapshot | None, inputs: Mapping[str, Path], target: Path) -> None:
        assert work is not None
        with target.open("w", encoding="utf-8", newline="\n") as out:
            out.writelines(markdown_parts(work))
