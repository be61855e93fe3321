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

from scriptorium.tags.vocabulary import CATEGORIES, WARNINGS
from scriptorium.transfer.formats.common import apply_label, apply_series, apply_stats, heading_title, language
from scriptorium.transfer.formats.markup import (
    Block,
    chapter_from_blocks,
    element_text,
    flatten,
    html_to_plain,
    serialize,
)
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext.fields import add_unique, split_list
from scriptorium.transfer.ratings import map_rating

_SERIES = re.compile(r"Part\s+(?P<position>\d+)\s+of\s+(?P<title>.+?)(?=\s*,?\s*Part\s+\d+\s+of\s|$)", re.I)
_SKIPPED_IDS = frozenset({"preface", "afterword", "endnotes", "work_endnotes", "children", "series"})
#: AO3's labels (singular or plural, as its download and its pages print them) -> the kind of field.
_KINDS: dict[str, str] = {
    "rating": "rating",
    "ratings": "rating",
    "archive warning": "warning",
    "archive warnings": "warning",
    "warning": "warning",
    "warnings": "warning",
    "category": "category",
    "categories": "category",
    "fandom": "fandom",
    "fandoms": "fandom",
    "relationship": "relationship",
    "relationships": "relationship",
    "character": "character",
    "characters": "character",
    "additional tags": "freeform",
    "additional tag": "freeform",
    "freeform": "freeform",
    "language": "language",
    "series": "series",
    "stats": "stats",
}
_WARNINGS = {warning.casefold(): warning for warning in WARNINGS}
_CATEGORIES = {category.casefold(): category for category in CATEGORIES}


def field_kind(label: str) -> str:
    """The kind of an AO3 label ("Categories:" -> "category"); "" for one AO3 does not tag with."""
    return _KINDS.get(" ".join(label.strip().rstrip(":").split()).casefold(), "")


def apply_tags(kind: str, values: list[str], work: ParsedWork, label: str = "") -> None:
    """AO3's tags of one kind, each one whole (a tag never holds a comma on AO3, but its words are its own)."""
    values = [" ".join(value.split()) for value in values if value and value.strip()]
    if not values:
        return
    if kind == "rating":
        work.rating = map_rating(values[0])
        if work.rating is None:
            work.extras[label or "Rating"] = values[0]
            work.add_problem("rating", f"The rating \u201c{values[0]}\u201d is not one we recognise.", "doubtful")
    elif kind == "warning":
        add_unique(work.warnings, [_WARNINGS[v.casefold()] for v in values if v.casefold() in _WARNINGS])
        others = [v for v in values if v.casefold() not in _WARNINGS]
        if others:
            work.extras[label or "Archive Warnings"] = ", ".join(others)
    elif kind == "category":
        add_unique(work.categories, [_CATEGORIES[v.casefold()] for v in values if v.casefold() in _CATEGORIES])
        others = [v for v in values if v.casefold() not in _CATEGORIES]
        if others:
            work.extras[label or "Categories"] = ", ".join(others)
    elif kind == "fandom":
        add_unique(work.fandoms, values)
    elif kind == "relationship":
        add_unique(work.relationships, values)
    elif kind == "character":
        add_unique(work.characters, values)
    elif kind == "freeform":
        add_unique(work.additional_tags, values)
    elif kind == "language":
        work.language = language(values[0]) or work.language
    elif kind == "series":
        match = _SERIES.search(" ".join(values))
        apply_series(f"Part {match['position']} of {match['title']}" if match else values[0], work)
    elif kind == "stats":
        apply_stats(" ".join(values), work)


def _dd_values(dd: etree._Element) -> list[str]:
    """The tags in a ``<dd>``: its links when it has them (one tag each), else its comma-separated text."""
    links = [element_text(a) for a in dd.iter("a")]
    return [name for name in links if name] or split_list(element_text(dd))


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
                kind = field_kind(label)
                if kind in ("series", "stats", "language"):
                    apply_tags(kind, [element_text(child)], work, label)
                elif kind:
                    apply_tags(kind, _dd_values(child), work, label)
                else:
                    apply_label(label, element_text(child), work)
                label = ""
    preface = next((e for e in root.iter() if e.get("id") == "preface"), None)
    scope = preface if preface is not None else (dl.getparent() if dl is not None else root)
    heading = next(scope.iter("h1"), None) if scope is not None else None
    if heading is not None and element_text(heading):
        work.title = element_text(heading)[:255]
    byline = next((e for e in root.iter() if has_class(e, "byline")), None)
    links = list(byline.iter("a")) if byline is not None else []
    # AO3 marks its creators' links (rel="author", a /users/ address); other links near the byline are not
    # creators (an element marked as the byline by a conversion may hold the work's address and its tags).
    authors = [a for a in links if a.get("rel") == "author" or "/users/" in (a.get("href") or "")]
    credited = [element_text(a) for a in authors or links]
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


def read_front_matter(root: etree._Element, work: ParsedWork) -> None:
    """The preface and afterword, read before links are unwrapped (each tag and creator is its own link)."""
    _read_preface(root, work)
    _read_afterword(root, work)


def parse_ao3(
    root: etree._Element, work: ParsedWork, *, front_matter: bool = True
) -> list[tuple[_Chapter, list[Block]]]:
    """Read the preface and afterword into ``work`` (unless read already); return each chapter with its blocks
    of text."""
    if front_matter:
        read_front_matter(root, work)
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


def fill_ao3(root: etree._Element, work: ParsedWork, *, front_matter: bool = True) -> None:
    for chapter, blocks in parse_ao3(root, work, front_matter=front_matter):
        parsed = chapter_from_blocks(chapter.title, blocks)
        parsed.summary, parsed.notes, parsed.end_notes = chapter.summary, chapter.notes, chapter.end_notes
        work.chapters.append(parsed)
