"""AO3's downloads: the HTML file, and the EPUB calibre makes from it.

Layout (written from the structure of AO3's HTML download)::

    <div id="preface">
      <p class="message"><b>Title</b> Posted originally on the Archive of Our Own at …</p>
      <div class="meta">
        <dl class="tags">
          <dt>Rating:</dt> <dd><a>Teen And Up Audiences</a></dd>
          <dt>Archive Warning:</dt> <dd>…</dd>   Category, Fandom, Relationship, Character,
          …                                        Additional Tags, Language, Series, Stats
        </dl>
        <h1>Title</h1>
        <div class="byline">by <a rel="author">Pseud</a></div>
        <p>Summary</p> <blockquote class="userstuff">…</blockquote>
        <p>Notes</p> <blockquote class="userstuff">…</blockquote>
      </div>
    </div>
    <div id="chapters" class="userstuff">
      <div class="meta group">
        <h2 class="heading">Chapter 1: Title</h2>
        <p>Chapter Summary</p> <blockquote class="userstuff">…</blockquote>
        <p>Chapter Notes</p> <blockquote class="userstuff">…</blockquote>
      </div>
      <div class="userstuff">chapter text</div>
      <div class="meta group"><p>Chapter End Notes</p> <blockquote class="userstuff">…</blockquote></div>
      …                                           (a one-shot has its text straight in #chapters)
    </div>
    <div id="afterword"> … <p>End Notes</p> <blockquote class="userstuff">…</blockquote> … </div>

The chapter walk does not rely on ``#chapters`` being one element, so the same code reads an EPUB whose
pages were split by calibre: the pages' bodies are read one after the other.
"""

from __future__ import annotations

import re

from lxml import etree

from scriptorium.transfer.formats.common import apply_label, apply_series, heading_title
from scriptorium.transfer.formats.markup import (
    Block,
    chapter_from_blocks,
    element_text,
    flatten,
    html_to_plain,
    serialize,
)
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext.fields import split_list

_SERIES = re.compile(r"Part\s+(?P<position>\d+)\s+of\s+(?P<title>.+?)(?=\s*,?\s*Part\s+\d+\s+of\s|$)", re.I)
_SKIPPED_IDS = frozenset({"preface", "afterword", "endnotes", "work_endnotes", "children", "series"})


def has_class(element: etree._Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _tags_list(root: etree._Element) -> etree._Element | None:
    for dl in root.iter("dl"):
        labels = {element_text(dt).rstrip(":").casefold() for dt in dl.iter("dt")}
        if has_class(dl, "tags") or {"rating", "fandom"} <= labels:
            return dl
    return None


def is_ao3(root: etree._Element) -> bool:
    """AO3's preface: a ``dl.tags`` list of Rating/Fandom/… labels."""
    dl = _tags_list(root)
    if dl is None:
        return False
    labels = {element_text(dt).rstrip(":").casefold() for dt in dl.iter("dt")}
    return bool(labels & {"rating", "archive warning", "fandom", "fandoms"})


def _labelled_quotes(container: etree._Element) -> list[tuple[str, etree._Element]]:
    """``<p>Label</p><blockquote>…</blockquote>`` pairs inside ``container``."""
    pairs = []
    for quote in container.iter("blockquote"):
        previous = quote.getprevious()
        if previous is not None and _tag(previous) in ("p", "h3", "h4", "b", "strong", "div"):
            pairs.append((element_text(previous).rstrip(":").casefold(), quote))
    return pairs


def _quote_text(quote: etree._Element) -> str:
    return html_to_plain("".join(serialize(child) for child in quote) or element_text(quote))


def _read_preface(root: etree._Element, work: ParsedWork) -> None:
    dl = _tags_list(root)
    if dl is not None:
        label = ""
        for child in dl:
            if _tag(child) == "dt":
                label = element_text(child)
            elif _tag(child) == "dd" and label:
                value = element_text(child)
                if label.rstrip(":").casefold() == "series":
                    match = _SERIES.search(value)
                    apply_series(f"Part {match['position']} of {match['title']}" if match else value, work)
                else:
                    apply_label(label, value, work)
                label = ""
    preface = next((e for e in root.iter() if e.get("id") == "preface"), None)
    scope = preface if preface is not None else (dl.getparent() if dl is not None else root)
    heading = next(scope.iter("h1"), None) if scope is not None else None
    if heading is not None and element_text(heading):
        work.title = element_text(heading)[:255]
    byline = next((e for e in root.iter() if has_class(e, "byline")), None)
    credited = [element_text(a) for a in byline.iter("a")] if byline is not None else []
    if any(credited):
        # The byline's links name each creator whole ("Tom & Jerry" is one pseud); a comma-separated
        # <meta name="author"> cannot say that.
        work.creators = [name for name in credited if name]
    elif byline is not None and not work.creators:
        authors = split_list(re.sub(r"^\s*by\s+", "", element_text(byline), flags=re.I))
        work.creators = [name for name in authors if name]
    if scope is not None:
        for label, quote in _labelled_quotes(scope):
            if label == "summary" and not work.summary:
                work.summary = _quote_text(quote)
            elif label == "notes" and not work.notes:
                work.notes = _quote_text(quote)


def _read_afterword(root: etree._Element, work: ParsedWork) -> None:
    for element in root.iter():
        if element.get("id") in ("afterword", "endnotes", "work_endnotes"):
            for label, quote in _labelled_quotes(element):
                if label == "end notes" and not work.end_notes:
                    work.end_notes = _quote_text(quote)


class _Chapter:
    def __init__(self, title: str = "") -> None:
        self.title = title
        self.summary = ""
        self.notes = ""
        self.end_notes = ""
        self.parts: list[etree._Element] = []


def _is_meta(element: etree._Element) -> bool:
    return _tag(element) == "div" and has_class(element, "meta")


def _holds_chapters(element: etree._Element) -> bool:
    return any(_is_meta(e) or (_tag(e) == "h2" and has_class(e, "heading")) for e in element.iterdescendants())


def _is_preface(element: etree._Element) -> bool:
    """The preface, also when a conversion lost its id: the tag list without any chapter heading."""
    if element.get("id") == "preface":
        return True
    return _tags_list(element) is not None and not any(
        _tag(h) == "h2" and has_class(h, "heading") for h in element.iter("h2")
    )


def _chapter_title(heading: etree._Element) -> str:
    """ "Chapter 1: Title" → "Title"; our downloads mark the title itself (``<span class="title">``), which is
    then kept exactly as written."""
    marked = next((e for e in heading.iter() if e is not heading and has_class(e, "title")), None)
    if marked is not None:
        return element_text(marked)[:255]
    return heading_title(element_text(heading))


def _walk(container: etree._Element, chapters: list[_Chapter]) -> None:
    for child in container:
        tag = _tag(child)
        if not tag or child.get("id") in _SKIPPED_IDS or (tag == "p" and has_class(child, "message")):
            continue
        if _is_preface(child):
            continue
        if _is_meta(child):
            heading = next(
                (h for h in child if _tag(h) in ("h2", "h3") and (has_class(h, "heading") or _tag(h) == "h2")), None
            )
            if heading is not None:
                chapters.append(_Chapter(_chapter_title(heading)))
            elif not chapters:
                chapters.append(_Chapter())
            current = chapters[-1]
            for label, quote in _labelled_quotes(child):
                if label == "chapter summary":
                    current.summary = _quote_text(quote)
                elif label == "chapter notes":
                    current.notes = _quote_text(quote)
                elif label == "chapter end notes":
                    current.end_notes = _quote_text(quote)
        elif tag in ("div", "section", "body") and _holds_chapters(child):
            _walk(child, chapters)
        else:
            if not chapters:
                chapters.append(_Chapter())
            chapters[-1].parts.append(child)


def parse_ao3(root: etree._Element, work: ParsedWork) -> list[tuple[_Chapter, list[Block]]]:
    """Read the preface and afterword into ``work``; return each chapter with its blocks of text."""
    _read_preface(root, work)
    _read_afterword(root, work)
    for element in list(root.iter()):
        hidden = element.get("id") in _SKIPPED_IDS or has_class(element, "landmark")  # "Chapter Text" labels
        if hidden and element.getparent() is not None:
            element.getparent().remove(element)
    body = root.find(".//body")
    chapters: list[_Chapter] = []
    _walk(body if body is not None else root, chapters)
    out = []
    for chapter in chapters:
        wrapper = etree.Element("div")
        for part in chapter.parts:
            wrapper.append(part)
        out.append((chapter, flatten(wrapper)))
    return out


def fill_ao3(root: etree._Element, work: ParsedWork) -> None:
    for chapter, blocks in parse_ao3(root, work):
        parsed = chapter_from_blocks(chapter.title, blocks)
        parsed.summary, parsed.notes, parsed.end_notes = chapter.summary, chapter.notes, chapter.end_notes
        work.chapters.append(parsed)
