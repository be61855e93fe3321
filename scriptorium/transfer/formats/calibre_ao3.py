"""AO3's layout put back into pages that calibre rewrote: an AO3 MOBI or AZW3 converted to EPUB (see :mod:`.mobi`).

calibre renames every class (``dl.tags`` becomes ``dl.calibre3``…), and the old MOBI format flattens the page
further: the preface's ``<dt>Rating:</dt><dd>…</dd>`` become ``<p>Rating:</p><blockquote>…</blockquote>``, the
title and each "Chapter 1: …" heading become bold paragraphs. :func:`restore` marks those elements again with
AO3's classes and ids, so :mod:`.ao3` reads the book as it reads AO3's own EPUB.
"""

from __future__ import annotations

import re

from lxml import etree

from scriptorium.transfer.formats.markup import element_text

_LABELS = frozenset(
    {
        "rating",
        "archive warning",
        "archive warnings",
        "category",
        "categories",
        "fandom",
        "fandoms",
        "relationship",
        "relationships",
        "character",
        "characters",
        "additional tags",
        "language",
        "series",
        "collections",
        "stats",
    }
)
_CHAPTER = re.compile(r"^Chapter \d+(?::\s.*)?$")
_AFTERWORD = re.compile(r"^Please drop by the Archive and comment to let the creators? know", re.IGNORECASE)
_BLOCKS = frozenset({"div", "p", "h1", "h2", "h3", "dl", "blockquote", "ul", "ol", "table"})
_BYLINE_CHARS = 500
_CHAPTER_NOTES = frozenset({"chapter summary", "chapter notes"})


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _add_class(element: etree._Element, *names: str) -> None:
    element.set("class", " ".join(dict.fromkeys([*_classes(element), *names])))


def _label(element: etree._Element) -> str:
    return element_text(element).rstrip(":").strip().casefold() if element.tag == "p" else ""


def _is_bold_line(element: etree._Element) -> bool:
    """A paragraph whose only content is bold text (what MOBI makes of a heading)."""
    if element.tag != "p" or (element.text or "").strip():
        return False
    children = list(element)
    bold = [e for e in element.iter() if e.tag in ("b", "strong") or "bold" in _classes(e)]
    return len(children) == 1 and bool(bold) and not (children[0].tail or "").strip()


def mark_renamed(root: etree._Element) -> None:
    """calibre renamed the classes (an AZW3, or an EPUB made without AO3's stylesheet); the structure survived."""
    for dl in root.iter("dl"):
        labels = {element_text(dt).rstrip(":").casefold() for dt in dl.iter("dt")}
        if {"rating", "fandom"} <= labels or {"rating", "fandoms"} <= labels:
            _add_class(dl, "tags")
    for heading in root.iter("h2"):
        parent = heading.getparent()
        if "heading" in _classes(heading) and parent is not None and parent.tag == "div" and parent[0] is heading:
            _add_class(parent, "meta", "group")
    for div in root.iter("div"):
        first = div[0] if len(div) else None
        labelled = first is not None and _label(first) in ("chapter summary", "chapter notes", "chapter end notes")
        if labelled and first.getnext() is not None and first.getnext().tag == "blockquote":
            _add_class(div, "meta", "group")
    _mark_byline(root)


def _mark_byline(root: etree._Element) -> None:
    """The "by <a>Pseud</a>" line, when calibre renamed its class: a short block of its own, naming users."""
    if any("byline" in _classes(element) for element in root.iter() if isinstance(element.tag, str)):
        return
    for element in root.iter("div", "p"):
        if any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element.iterdescendants()):
            continue
        links = [a for a in element.iter("a") if "/users/" in (a.get("href") or "") or a.get("rel") == "author"]
        text = element_text(element)
        if links and text.casefold().startswith("by ") and len(text) <= _BYLINE_CHARS:
            _add_class(element, "byline")
            return


def _rebuild_preface(body: etree._Element) -> bool:
    """MOBI: ``<p>Label:</p><blockquote>value</blockquote>`` runs back into AO3's ``dl.tags`` inside a preface."""
    children = list(body)
    pairs = [
        index
        for index, child in enumerate(children[:-1])
        if _label(child) in _LABELS and element_text(child).endswith(":") and children[index + 1].tag == "blockquote"
    ]
    if len(pairs) < 2 or not any(_label(children[i]) == "rating" for i in pairs):
        return False
    dl = etree.Element("dl", {"class": "tags"})
    for index in pairs:
        etree.SubElement(dl, "dt").text = element_text(children[index])
        etree.SubElement(dl, "dd").text = element_text(children[index + 1])
    first = pairs[0]
    body.insert(body.index(children[first]), dl)
    for index in pairs:
        body.remove(children[index])
        body.remove(children[index + 1])
    _wrap_preface(body, dl)
    return True


def _wrap_preface(body: etree._Element, dl: etree._Element | None = None) -> None:
    """Everything up to the first chapter heading goes into ``div#preface``; the bold line that is the title (after
    the tags, or first on the next page) becomes the ``<h1>``."""
    preface = etree.Element("div", {"id": "preface"})
    body.insert(0, preface)
    for child in list(body)[1:]:
        if child.tag == "p" and _CHAPTER.match(element_text(child)):
            break
        preface.append(child)
    title = next(
        (p for p in preface if p.tag == "p" and _is_bold_line(p) and (dl is None or p.getprevious() is dl)), None
    )
    if title is not None:
        title.tag = "h1"
    _mark_byline(preface)


def _is_preface_rest(body: etree._Element) -> bool:
    """The page after the tags: the title in bold, then "by …" (and the summary and notes)."""
    children = [child for child in body if element_text(child)]
    return (
        len(children) >= 2
        and _is_bold_line(children[0])
        and not _CHAPTER.match(element_text(children[0]))
        and element_text(children[1]).casefold().startswith("by ")
    )


def _rebuild_chapters(body: etree._Element) -> None:
    """MOBI: a bold "Chapter 1: Title" paragraph (and the chapter summary and notes after it) into AO3's
    ``div.meta``; "Chapter End Notes" and "End Notes" quotes into their own blocks."""
    for paragraph in [p for p in body if p.tag == "p" and _is_bold_line(p) and _CHAPTER.match(element_text(p))]:
        meta = etree.Element("div", {"class": "meta group"})
        body.insert(body.index(paragraph), meta)
        heading = etree.SubElement(meta, "h2", {"class": "heading"})
        heading.text = element_text(paragraph)
        body.remove(paragraph)
        following = meta.getnext()
        while following is not None and _label(following) in _CHAPTER_NOTES:
            quote = following.getnext()
            if quote is None or quote.tag != "blockquote":
                break
            after = quote.getnext()
            meta.append(following)
            meta.append(quote)
            following = after
    for paragraph in [p for p in body if _label(p) in ("chapter end notes", "end notes")]:
        quote = paragraph.getnext()
        if quote is None or quote.tag != "blockquote":
            continue
        end = _label(paragraph) == "end notes"
        holder = etree.Element("div", {"id": "endnotes"} if end else {"class": "meta group"})
        body.insert(body.index(paragraph), holder)
        holder.append(paragraph)
        holder.append(quote)


def _paragraph_quotes(body: etree._Element) -> None:
    """MOBI leaves a note's words straight inside ``<blockquote>``; AO3 has them in paragraphs."""
    for quote in body.iter("blockquote"):
        if (quote.text or "").strip() and not any(child.tag in ("p", "blockquote", "div") for child in quote):
            paragraph = etree.Element("p")
            paragraph.text, quote.text = quote.text, None
            paragraph.extend(list(quote))
            quote.append(paragraph)


def _drop_afterword_message(body: etree._Element) -> None:
    """AO3's closing "Please drop by the Archive and comment…" line, which MOBI takes out of its afterword."""
    for paragraph in list(body.iter("p")):
        if _AFTERWORD.match(element_text(paragraph)) and paragraph.getparent() is not None:
            paragraph.getparent().remove(paragraph)


def restore(pages: list[etree._Element]) -> None:
    """Put AO3's classes back into the bodies of an AO3 book that calibre converted (a no-op for other books)."""
    after_tags = False
    for root in pages:
        body = root.find(".//body")
        if body is None:
            continue
        mark_renamed(root)
        _paragraph_quotes(body)
        _drop_afterword_message(body)
        if _rebuild_preface(body):
            after_tags = True
        elif after_tags and _is_preface_rest(body):
            _wrap_preface(body)
            after_tags = False
        _rebuild_chapters(body)
