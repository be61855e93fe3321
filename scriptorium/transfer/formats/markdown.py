"""Markdown (CommonMark, with ~~strike-through~~ and tables), rendered by markdown-it-py.

- An optional front block carries metadata: YAML-style between ``---`` lines, or plain ``Key: value`` lines
  before the first blank line (title, author, summary, rating, warnings, category, fandom, relationships,
  characters, tags, language, series, published, updated, status…). Lists may be ``[a, b]``, ``a, b`` or
  ``- item`` lines.
- ``# Title`` opening the text is the title and ``## Heading`` lines cut chapters; a text with several ``#``
  headings is cut at those instead. "Chapter N" lines cut chapters too.
- Raw HTML in the Markdown is allowed and goes through the archive's sanitizer like everything else.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from scriptorium.transfer.formats.common import apply_label, finish
from scriptorium.transfer.formats.markup import (
    body_of,
    chapter_level,
    clean_tree,
    fill_chapters,
    flatten,
    parse_document,
    report_images,
    split_chapters,
)
from scriptorium.transfer.parsed import ParsedWork

SOURCE_FORMAT = "markdown"
_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_KEY = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9 _/-]{0,38}?)\s*:\s*(?P<value>.*)$")
_ITEM = re.compile(r"^\s+-\s+(?P<value>.*)$|^-\s+(?P<top>.*)$")
_KNOWN_KEYS = frozenset(
    {
        "title", "author", "authors", "creator", "creators", "by", "summary", "description", "rating", "rated",
        "warnings", "warning", "archive warning", "archive warnings", "category", "categories", "fandom",
        "fandoms", "relationship", "relationships", "pairing", "pairings", "character", "characters", "tags",
        "additional tags", "freeform", "genre", "genres", "language", "series", "published", "date", "updated",
        "status", "notes",
    }
)
_ATX_HEADING = re.compile(r"^#{1,2}\s+\S", re.MULTILINE)


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["strikethrough", "table"])


def _clean_value(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        value = ", ".join(part.strip().strip("\"'") for part in value[1:-1].split(","))
    return value.strip()


def _front_block(lines: list[str]) -> tuple[list[tuple[str, str]], int]:
    """Metadata pairs and the index of the first line after the front block (0 when there is none)."""
    if lines and _FENCE.match(lines[0]):
        end = next((i for i in range(1, min(len(lines), 200)) if _FENCE.match(lines[i])), None)
        if end is None:
            return [], 0
        block, after = lines[1:end], end + 1
    else:
        end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        block, after = lines[:end], end
        if not block or not all(_KEY.match(line) or _ITEM.match(line) for line in block):
            return [], 0
    pairs: list[list[str]] = []
    for line in block:
        item = _ITEM.match(line)
        key = _KEY.match(line)
        if item and pairs:
            value = _clean_value(item.group("value") or item.group("top") or "")
            pairs[-1][1] = f"{pairs[-1][1]}, {value}" if pairs[-1][1] else value
        elif key and not line.startswith((" ", "\t")):
            value = _clean_value(key.group("value"))
            pairs.append([key.group("key").strip(), "" if value in ("|", ">", "|-", ">-") else value])
        elif pairs and line.strip():  # a folded or indented continuation
            pairs[-1][1] = f"{pairs[-1][1]} {line.strip()}".strip()
    if not any(key.casefold().replace("_", " ") in _KNOWN_KEYS for key, _ in pairs):
        return [], 0
    return [(key.replace("_", " "), value) for key, value in pairs], after


def looks_like_markdown(text: str) -> bool:
    """Content sniffing for text files: a ``---`` metadata block, or ``#`` / ``##`` headings that cut chapters."""
    lines = text.lstrip("\ufeff").split("\n", 200)[:200]
    if lines and _FENCE.match(lines[0]) and _front_block(lines)[1]:
        return True
    first = next((line for line in lines if line.strip()), "")
    return first.startswith("# ") and len(_ATX_HEADING.findall(text[:200_000])) >= 2


def parse_markdown(text: str, *, encoding: str = "utf-8") -> ParsedWork:
    """Parse Markdown text; raises ImportRejected when there is no story text."""
    lines = text.removeprefix("\ufeff").split("\n")
    pairs, after = _front_block(lines)
    work = ParsedWork(source_format=SOURCE_FORMAT, encoding=encoding)
    for key, value in pairs:
        folded = key.casefold()
        if folded == "notes":
            work.notes = value
        elif folded == "description":
            work.summary = value
        else:
            apply_label(key, value, work)
    html = _renderer().render("\n".join(lines[after:]))
    root = parse_document(f"<html><body>{html}</body></html>", "The Markdown file", xml_first=False)
    report_images(work, clean_tree(root))
    title, level, blocks = chapter_level(flatten(body_of(root)))
    if title and work.title is None:
        work.title = title[:255]
    fill_chapters(work, split_chapters(blocks, level))
    return finish(work)
