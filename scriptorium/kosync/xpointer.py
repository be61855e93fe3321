"""KOReader's places in our EPUB pages ↔ the web's chapter and paragraph.

KOReader (crengine) names a place in a reflowable book with an XPointer such as
``/body/DocFragment[3]/body/div/div[2]/p[5]/text().12``: ``DocFragment[N]`` is the N-th item of the EPUB's
spine, then one step per element from that page's ``body``, each ``name[i]`` counting only siblings of the same
name (``[i]`` left out when the name is alone), then a text node and a character offset. Our EPUB's spine is
the title page, one page per chapter in order, then the afterword (``transfer.exports.epub``), so fragment 2 is
the first chapter. The web counts a chapter's paragraphs as the non-empty ``p`` elements of its text, from 1
(``reading.js``, ``#p-N``): the same count is taken here, in the chapter's page as the EPUB writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from scriptorium.transfer.exports.document import chapter_block
from scriptorium.transfer.exports.snapshot import ChapterSnapshot

_FRAGMENT = re.compile(r"^/body/DocFragment\[(\d{1,6})\]((?:/[^/]+)*)$")
_STEP = re.compile(r"^([A-Za-z_][\w-]*|text\(\))(?:\[(\d{1,6})\])?$")
#: A chapter's first place, before its text (the heading).
TOP = 0


@dataclass(frozen=True)
class Pointer:
    fragment: int  # 1-based index in the spine
    steps: tuple[tuple[str, int], ...]  # below the fragment's body, (name, 1-based index among same-named)


def parse(progress: str) -> Pointer | None:
    """The fragment and element steps of a KOReader XPointer, or None for anything else (a page number…)."""
    text = progress.strip()
    tail = re.search(r"\.\d{1,9}$", text)
    if tail:
        text = text[: tail.start()]
    match = _FRAGMENT.match(text)
    if not match:
        return None
    steps: list[tuple[str, int]] = []
    parts = [p for p in match.group(2).split("/") if p]
    if parts and parts[0] == "body":
        parts = parts[1:]
    for part in parts:
        step = _STEP.match(part)
        if not step:
            return None
        if step.group(1) == "text()":
            break
        steps.append((step.group(1), int(step.group(2) or 1)))
    return Pointer(int(match.group(1)), tuple(steps))


def _page(text: str) -> etree._Element:
    """The chapter's page body as the EPUB writes it (its text only matters; heading and notes are empty)."""
    html = chapter_block(ChapterSnapshot(position=1, text=text))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    return etree.fromstring(f"<body>{html}</body>".encode(), parser)


def _paragraphs(body: etree._Element) -> list[etree._Element]:
    texts = [el for el in body.iter("div") if (el.get("class") or "").split() == ["userstuff"]]
    if not texts:
        return []
    return [p for p in texts[0].iter("p") if "".join(p.itertext()).strip()]


def paragraph_count(text: str) -> int:
    return len(_paragraphs(_page(text)))


def paragraph_at(text: str, steps: tuple[tuple[str, int], ...]) -> int:
    """The web's paragraph number (0: before the first) for a place inside a chapter page, by its steps."""
    body = _page(text)
    node = body
    for name, index in steps:
        same = [child for child in node if isinstance(child.tag, str) and child.tag == name]
        if index > len(same):
            break
        node = same[index - 1]
    if node is body:
        return TOP
    elements = list(body.iter())  # held, so each element keeps one proxy (and one id) while counting
    order = {id(el): i for i, el in enumerate(elements)}
    here = order[id(node)]
    return sum(1 for p in _paragraphs(body) if order[id(p)] <= here)


def _step(el: etree._Element) -> str:
    parent = el.getparent()
    same = [c for c in parent if isinstance(c.tag, str) and c.tag == el.tag] if parent is not None else [el]
    return el.tag if len(same) == 1 else f"{el.tag}[{same.index(el) + 1}]"


def pointer_for(fragment: int, text: str, paragraph: int) -> str:
    """The XPointer of the web's paragraph ``paragraph`` in the chapter page at spine item ``fragment`` (its
    first text when it starts with text); the chapter's top when the paragraph is 0 or no longer there."""
    body = _page(text)
    paragraphs = _paragraphs(body)
    chapter = body[0]
    target = paragraphs[paragraph - 1] if 0 < paragraph <= len(paragraphs) else chapter
    path = []
    node = target
    while node is not None and node is not body:
        path.append(_step(node))
        node = node.getparent()
    pointer = f"/body/DocFragment[{fragment}]/body/" + "/".join(reversed(path))
    if target is not chapter and (target.text or "").strip():
        return pointer + "/text().0"
    return pointer
