"""Markdown (CommonMark, with ~~strike-through~~ and tables), rendered by markdown-it-py.

- An optional front block carries metadata: YAML-style between ``---`` lines, or plain ``Key: value`` lines
  before the first blank line (title, author, summary, rating, warnings, category, fandom, relationships,
  characters, tags, language, series, published, updated, status…). Lists may be ``[a, b]``, ``a, b`` or
  ``- item`` lines.
- ``# Title`` opening the text is the title and ``## Heading`` lines cut chapters; a text with several ``#``
  headings is cut at those instead. "Chapter N" lines cut chapters too when there are no such headings.
- Values may be JSON/YAML quoted strings and ``[…]`` lists; ``|`` and ``>`` blocks carry paragraphs.
- A chapter opening with a block quote whose first line is a bold "Chapter Summary:" or "Chapter Notes:"
  (closing with one labelled "Chapter End Notes:") has those as its summary and notes, as our download writes.
- Raw HTML in the Markdown is allowed and goes through the archive's sanitizer like everything else.
"""

from __future__ import annotations

import datetime
import json
import re

import lxml.html
import yaml
from markdown_it import MarkdownIt

from scriptorium.transfer.formats.common import apply_label, finish
from scriptorium.transfer.formats.header import read_header
from scriptorium.transfer.formats.markup import (
    Block,
    body_of,
    chapter_from_blocks,
    chapter_level,
    clean_tree,
    element_text,
    fill_chapters,
    flatten,
    html_to_plain,
    parse_document,
    report_images,
    serialize,
    split_chapters,
)
from scriptorium.transfer.parsed import ParsedChapter, ParsedWork
from scriptorium.transfer.plaintext.fields import add_unique

SOURCE_FORMAT = "markdown"
_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_KEY = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9 _/-]{0,38}?)\s*:\s*(?P<value>.*)$")
_ITEM = re.compile(r"^\s+-\s+(?P<value>.*)$|^-\s+(?P<top>.*)$")
_KNOWN_KEYS = frozenset(
    {
        "title",
        "author",
        "authors",
        "creator",
        "creators",
        "by",
        "summary",
        "description",
        "rating",
        "rated",
        "warnings",
        "warning",
        "archive warning",
        "archive warnings",
        "category",
        "categories",
        "fandom",
        "fandoms",
        "relationship",
        "relationships",
        "pairing",
        "pairings",
        "character",
        "characters",
        "tags",
        "additional tags",
        "freeform",
        "genre",
        "genres",
        "language",
        "series",
        "published",
        "date",
        "updated",
        "status",
        "notes",
        "end notes",
        "chapters",
        "words",
        "publisher",
        "source",
    }
)
#: List keys whose items are taken whole.
_LIST_FIELDS = {
    "tags": "additional_tags",
    "additional tags": "additional_tags",
    "freeform": "additional_tags",
    "freeform tags": "additional_tags",
    "character": "characters",
    "characters": "characters",
    "relationship": "relationships",
    "relationships": "relationships",
    "pairing": "relationships",
    "pairings": "relationships",
    "fandom": "fandoms",
    "fandoms": "fandoms",
}
#: Keys whose value is one text, even when written as a list.
_TEXT_KEYS = frozenset({"title", "summary", "notes", "end notes", "series", "language", "rating", "status"})
_CHAPTER_LABELS = {"chapter summary": "summary", "chapter notes": "notes", "chapter end notes": "end_notes"}
_ATX_HEADING = re.compile(r"^#{1,2}\s+\S", re.MULTILINE)


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["strikethrough", "table"])


def _parse_value(raw: str) -> tuple[str, list[str] | None]:
    """A front-matter value: JSON/YAML double-quoted strings and flow lists are read properly (escapes
    included), single-quoted ones too; anything else is taken as written."""
    value = raw.strip()
    if value[:1] in ('"', "["):
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(parsed, str):
            return parsed.strip(), None
        if isinstance(parsed, list) and all(isinstance(item, str | int | float) for item in parsed):
            items = [" ".join(str(item).split()) for item in parsed if str(item).strip()]
            return ", ".join(items), items
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'").strip(), None
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].strip(), None
    if value.startswith("[") and value.endswith("]"):
        items = [part.strip().strip("\"'") for part in value[1:-1].split(",") if part.strip().strip("\"'")]
        return ", ".join(items), items
    return value, None


def _block_scalar(lines: list[str], style: str) -> str:
    """A YAML literal (``|``) or folded (``>``) block: dedented; paragraphs apart by blank lines."""
    while lines and not lines[-1].strip():
        lines.pop()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    text = [line[indent:].rstrip() if line.strip() else "" for line in lines]
    if style.startswith(">"):
        paragraphs = re.split(r"\n\s*\n", "\n".join(text))
        return "\n\n".join(" ".join(part.split()) for part in paragraphs if part.strip())
    return "\n".join(text).strip()


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _yaml_entries(block: list[str]) -> list[tuple[str, str, list[str] | None]] | None:
    """YAML front matter read by PyYAML (safe loading: plain data only); None when it is not a YAML mapping."""
    try:
        data = yaml.safe_load("\n".join(block))
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    entries: list[tuple[str, str, list[str] | None]] = []
    for key, value in data.items():
        name = str(key).strip().replace("_", " ")
        if value is None or isinstance(value, dict):
            continue
        if isinstance(value, list):
            items = [_scalar(item) for item in value if item is not None and not isinstance(item, dict | list)]
            items = [item for item in items if item]
            entries.append((name, ", ".join(items), items))
        else:
            entries.append((name, _scalar(value), None))
    return entries


def _front_block(lines: list[str]) -> tuple[list[tuple[str, str, list[str] | None]], int]:
    """Metadata entries (key, value, list items when the value was a list) and the index of the first line
    after the front block (0 when there is none)."""
    if lines and _FENCE.match(lines[0]):
        end = next((i for i in range(1, min(len(lines), 400)) if _FENCE.match(lines[i])), None)
        if end is None:
            return [], 0
        block, after = lines[1:end], end + 1
        if lines[0].strip() == "---" and (entries := _yaml_entries(block)) is not None:
            return (entries, after) if any(name.casefold() in _KNOWN_KEYS for name, _, _ in entries) else ([], 0)
    else:
        end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        block, after = lines[:end], end
        if not block or not all(_KEY.match(line) or _ITEM.match(line) for line in block):
            return [], 0
    entries: list[list] = []
    index = 0
    while index < len(block):
        line = block[index]
        index += 1
        item = _ITEM.match(line)
        key = _KEY.match(line) if not line.startswith((" ", "\t")) else None
        if item and entries:
            value, _ = _parse_value(item.group("value") or item.group("top") or "")
            entries[-1][2] = [*(entries[-1][2] or []), value]
            entries[-1][1] = ", ".join(entries[-1][2])
        elif key:
            raw = key.group("value").strip()
            name = key.group("key").strip().replace("_", " ")
            if raw in ("|", ">", "|-", ">-", "|+", ">+"):
                start = index
                while index < len(block) and (not block[index].strip() or block[index].startswith((" ", "\t"))):
                    index += 1
                entries.append([name, _block_scalar(block[start:index], raw), None])
            else:
                value, items = _parse_value(raw)
                entries.append([name, value, items])
        elif entries and line.strip():  # a folded or indented continuation
            entries[-1][1] = f"{entries[-1][1]} {line.strip()}".strip()
    if not any(name.casefold() in _KNOWN_KEYS for name, _, _ in entries):
        return [], 0
    return [(name, value, items) for name, value, items in entries], after


def looks_like_markdown(text: str) -> bool:
    """Content sniffing for text files: a ``---`` metadata block, or ``#`` / ``##`` headings that cut chapters."""
    lines = text.lstrip("\ufeff").split("\n", 200)[:200]
    if lines and _FENCE.match(lines[0]) and _front_block(lines)[1]:
        return True
    first = next((line for line in lines if line.strip()), "")
    return first.startswith("# ") and len(_ATX_HEADING.findall(text[:200_000])) >= 2


def _labelled_quote(block: Block) -> tuple[str, str] | None:
    """A block quote that opens with a bold "Chapter Notes:" (our Markdown download's chapter notes)."""
    if not block.html.startswith("<blockquote"):
        return None
    quote = lxml.html.fragment_fromstring(block.html)
    first = quote[0] if len(quote) else None
    if first is None or first.tag != "p" or (quote.text or "").strip():
        return None
    label = element_text(first).rstrip(":").casefold()
    if label not in _CHAPTER_LABELS or not element_text(first).endswith(":"):
        return None
    quote.remove(first)
    inner = "".join(serialize(child) for child in quote)
    return _CHAPTER_LABELS[label], html_to_plain(inner)


def _chapters_with_notes(parts: list[tuple[str, list[Block]]]) -> list[ParsedChapter]:
    chapters = []
    for title, blocks in parts:
        blocks = list(blocks)
        found: dict[str, str] = {}
        while blocks and (leading := _labelled_quote(blocks[0])) and leading[0] != "end_notes":
            found[leading[0]] = leading[1]
            blocks.pop(0)
        if blocks and (trailing := _labelled_quote(blocks[-1])) and trailing[0] == "end_notes":
            found["end_notes"] = trailing[1]
            blocks.pop()
        chapter = chapter_from_blocks(title, blocks)
        for name, value in found.items():
            setattr(chapter, name, value)
        chapters.append(chapter)
    return chapters


def _apply_entry(key: str, value: str, items: list[str] | None, work: ParsedWork) -> None:
    folded = key.casefold()
    if folded in ("notes", "author's note", "author's notes"):
        work.notes = value
    elif folded == "end notes":
        work.end_notes = value
    elif folded == "description":
        work.summary = value
    elif folded in ("author", "authors", "creator", "creators") and items is not None:
        work.creators = [item for item in items if item]
    elif items is not None and folded in _LIST_FIELDS:
        add_unique(getattr(work, _LIST_FIELDS[folded]), items)  # whole: an item may hold a comma ("Sea, Sky")
    elif items is not None and folded not in _TEXT_KEYS:
        for item in items:
            apply_label(key, item, work)
    else:
        apply_label(key, value, work)


def parse_markdown(text: str, *, encoding: str = "utf-8") -> ParsedWork:
    """Parse Markdown text; raises ImportRejected when there is no story text."""
    lines = text.removeprefix("\ufeff").split("\n")
    entries, after = _front_block(lines)
    work = ParsedWork(source_format=SOURCE_FORMAT, encoding=encoding)
    if not after:
        header = read_header(lines)
        if header.end:
            entries = [(label, value, None) for label, value in header.entries]
            after = header.end
            work.title = header.title[:255] or None
            if header.creators:
                apply_label("Author", header.creators, work)
    for key, value, items in entries:
        _apply_entry(key, value, items, work)
    html = _renderer().render("\n".join(lines[after:]))
    root = parse_document(f"<html><body>{html}</body></html>", "The Markdown file", xml_first=False)
    report_images(work, clean_tree(root))
    blocks = flatten(body_of(root))
    if blocks and blocks[0].heading == 1 and sum(1 for block in blocks if block.heading == 1) == 1:
        # "# Title" opening the text is the title, even a title that reads like a chapter ("Prologue").
        title, blocks = blocks[0].text, blocks[1:]
        level = 2 if any(block.heading == 2 for block in blocks) else None
    else:
        title, level, blocks = chapter_level(blocks)
    if title and work.title is None:
        work.title = title[:255]
    # Once headings cut the chapters, a lone "Chapter 3" or "Prologue" paragraph is story text.
    parts = split_chapters(blocks, level, markers=level is None)
    if len(parts) > 1 and not parts[0][0] and parts[0][1]:
        fill_chapters(work, parts)  # reports the text before the first heading
    work.chapters = _chapters_with_notes(parts)
    return finish(work)
