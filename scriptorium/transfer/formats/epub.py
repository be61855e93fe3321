"""EPUB 2 and 3: ``META-INF/container.xml`` → the OPF package → the spine, in reading order.

- Metadata from the OPF: dc:title, dc:creator (authors only), dc:description, dc:subject, dc:language, dc:date
  (publication / modification), calibre:series and series_index (or EPUB 3 belongs-to-collection).
- FanFicFare EPUBs (dc:identifier "fanficfare-uid:…" or a dc:contributor naming FanFicFare): the title page's
  ``<b>Label:</b> value<br/>`` lines carry the tags; chapters are the spine's ``fileNNNN.xhtml`` pages, titled by
  ``<meta name="chaptertitle">`` or ``<h3 class="fff_chapter_title">``.
- AO3 EPUBs: a page with AO3's preface; all pages are read together like AO3's HTML download.
- Anything else: one spine page per chapter, titled by the table of contents or the page's first heading.

Invalid EPUBs are read when their content is readable: no mimetype, no container.xml (any .opf is used), no
nav, site HTML such as ``<s>`` or undeclared ``&nbsp;`` in the pages (read by the forgiving HTML parser).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from scriptorium.transfer.formats import ao3, calibre_ao3
from scriptorium.transfer.formats import epub_front as front
from scriptorium.transfer.formats.common import (
    add_subjects,
    apply_series,
    finish,
    is_placeholder_author,
    language,
    parse_any_date,
)
from scriptorium.transfer.formats.epub_pages import (
    Page,
    fill_generic,
)
from scriptorium.transfer.formats.html import parse_html_root
from scriptorium.transfer.formats.markup import body_of, element_text, html_to_plain, parse_document
from scriptorium.transfer.formats.safety import SafeZip, open_zip, parse_xml
from scriptorium.transfer.parsed import ImportRejected, ParsedWork
from scriptorium.transfer.xmltree import remove_keep_tail

SOURCE_FORMAT = "epub"
FANFICFARE_FORMAT = front.FANFICFARE_FORMAT
AO3_FORMAT = "ao3-epub"
KIND = "an EPUB e-book"
_FFF_IGNORED_SUBJECTS = frozenset({"fanfiction", "completed", "complete", "in-progress", "in progress"})
#: AO3's EPUBs list each archive warning by its tag's short name as well ("Choose Not To Use Archive Warnings").
_AO3_IGNORED_SUBJECTS = frozenset(
    {
        "fanworks",
        "choose not to use archive warnings",
        "creator chose not to use archive warnings",
        "no archive warnings apply",
        "graphic depictions of violence",
        "major character death",
        "rape/non-con",
        "underage",
        "underage sex",
    }
)
_HTML_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/xml", "text/xml"})


@dataclass
class Item:
    path: str
    media_type: str
    properties: str = ""
    item_id: str = ""


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _attr(element: etree._Element, name: str) -> str:
    for key, value in element.attrib.items():
        if key == name or key.endswith("}" + name):
            return value
    return ""


def resolve(base: str, href: str) -> str | None:
    """An href from a package file, relative to its folder, as an archive member name (None if outside)."""
    target = unquote(href.split("#", 1)[0]).strip()
    if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
        return None
    path = posixpath.normpath(posixpath.join(base, target))
    return None if path.startswith("../") or path == ".." else path


def _find_package(archive: SafeZip) -> str:
    container = archive.find("META-INF/container.xml")
    try:
        root = parse_xml(archive.read(container), "The EPUB's container.xml", recover=True) if container else None
    except ImportRejected as exc:
        if exc.code != "corrupt":
            raise
        root = None  # a broken container.xml: look for the package document below
    if root is not None:
        for element in root.iter():
            if _local(element) == "rootfile":
                path = archive.find(unquote(element.get("full-path") or ""))
                if path is not None:
                    return path
    packages = [name for name in archive.names() if name.casefold().endswith(".opf")]
    if not packages:
        raise ImportRejected("corrupt", "The EPUB has no package document (.opf file), so its contents are unknown.")
    return packages[0]


def _read_metadata(opf: etree._Element, work: ParsedWork) -> tuple[list[str], bool]:
    """Fill ``work`` from the OPF metadata; return the dc:subject values and whether FanFicFare made it."""
    subjects: list[str] = []
    fanficfare = False
    refines: dict[str, dict[str, str]] = {}
    for element in opf.iter():
        if _local(element) == "meta" and element.get("refines"):
            refines.setdefault(element.get("refines", "").lstrip("#"), {})[element.get("property") or ""] = (
                element.text or ""
            ).strip()
    series_index = ""
    for element in opf.iter():
        name, text = _local(element), " ".join((element.text or "").split())
        if name == "title" and work.title is None and text:
            work.title = text[:255]
        elif name == "creator" and text:
            role = _attr(element, "role") or refines.get(element.get("id") or "", {}).get("role", "")
            if role in ("", "aut") and not is_placeholder_author(text) and text not in work.creators:
                work.creators.append(text)
        elif (name == "contributor" and "fanficfare" in text.casefold()) or (
            name == "identifier" and text.casefold().startswith("fanficfare-uid:")
        ):
            fanficfare = True
        elif name == "description" and text and not work.summary:
            work.summary = html_to_plain(element.text or "")
        elif name == "subject" and text:
            subjects.append(text)
        elif name == "language" and text and work.language is None:
            work.language = language(text)
        elif name == "date" and text:
            event = _attr(element, "event").casefold()
            if event in ("", "publication", "published", "original-publication"):
                work.published = work.published or parse_any_date(text)
            elif event in ("modification", "modified", "updated"):
                work.updated = parse_any_date(text) or work.updated
        elif name == "source" and text:
            work.extras.setdefault("Source", text)
        elif name == "meta":
            key = (element.get("name") or element.get("property") or "").casefold()
            content = (element.get("content") or element.text or "").strip()
            if key == "calibre:series" and content:
                apply_series(content, work, bare=True)
            elif key == "calibre:series_index":
                series_index = content
            elif key == "belongs-to-collection" and content and not work.series_title:
                position = refines.get(element.get("id") or "", {}).get("group-position", "")
                apply_series(content, work, position=position, bare=True)
    if work.series_title and work.series_position is None and series_index:
        apply_series(work.series_title, work, position=series_index, bare=True)
    return subjects, fanficfare


def _manifest(opf: etree._Element, base: str) -> tuple[dict[str, Item], list[Item], str]:
    """Manifest items by id, the spine's items in order, and the NCX table of contents' path."""
    items: dict[str, Item] = {}
    spine: list[Item] = []
    ncx_id = ""
    for element in opf.iter():
        name = _local(element)
        if name == "item":
            path = resolve(base, element.get("href") or "")
            if path is not None:
                item = Item(
                    path,
                    (element.get("media-type") or "").casefold(),
                    element.get("properties") or "",
                    element.get("id") or "",
                )
                items[item.item_id] = item
        elif name == "spine":
            ncx_id = element.get("toc") or ""
        elif name == "itemref" and element.get("idref") in items:
            spine.append(items[element.get("idref", "")])
    ncx = items.get(ncx_id) or next((i for i in items.values() if i.media_type == "application/x-dtbncx+xml"), None)
    return items, spine, ncx.path if ncx else ""


def _toc_labels(archive: SafeZip, items: dict[str, Item], ncx_path: str) -> dict[str, str]:
    """The table of contents' label for each page (first entry per page), from the NCX or the EPUB 3 nav."""
    labels: dict[str, str] = {}
    member = archive.find(ncx_path) if ncx_path else None
    if member is not None:
        root = parse_xml(archive.read(member), "The EPUB's table of contents (toc.ncx)", recover=True)
        for point in root.iter():
            if _local(point) != "navPoint":
                continue
            label = next((" ".join("".join(e.itertext()).split()) for e in point.iter() if _local(e) == "text"), "")
            content = next((e.get("src") or "" for e in point.iter() if _local(e) == "content"), "")
            path = resolve(posixpath.dirname(ncx_path), content)
            if path and label:
                labels.setdefault(path.casefold(), label)
    nav = next((i for i in items.values() if "nav" in i.properties.split()), None)
    member = archive.find(nav.path) if nav else None
    if member is not None and not labels:
        root = parse_document(archive.read(member), "The EPUB's navigation page")
        for link in root.iter("a"):
            path = resolve(posixpath.dirname(member), link.get("href") or "")
            if path and element_text(link):
                labels.setdefault(path.casefold(), element_text(link))
    return labels


def _is_contents_page(root: etree._Element) -> bool:
    """A page of links to the book's own pages, under a "Contents" heading at most."""
    body = body_of(root)
    if body.get("id") == "calibre_generated_inline_toc":
        return True
    lines = [e for e in body.iter("p", "li", "h1", "h2", "h3", "div") if len(e) == 0 or e.tag != "div"]
    links = 0
    for element in lines:
        text = element_text(element)
        if not text or element.tag == "div":
            continue
        if text.casefold() in ("table of contents", "contents"):
            continue
        anchors = [a for a in element.iter("a") if a.get("href") and resolve("", a.get("href") or "") is not None]
        if element.tag == "li" and not anchors and any(child.tag in ("ul", "ol") for child in element):
            continue
        if not anchors or " ".join(element_text(a) for a in anchors) != text:
            return False
        links += 1
    return links > 0


def _pages(archive: SafeZip, items: dict[str, Item], spine: list[Item], work: ParsedWork) -> list[Page]:
    order = spine or [i for i in items.values() if i.media_type in _HTML_TYPES]
    if not order:
        order = [
            Item(n, "application/xhtml+xml")
            for n in archive.names()
            if n.casefold().endswith((".xhtml", ".html", ".htm"))
        ]
        if order:
            work.add_problem("chapters", "The EPUB lists no pages; its HTML files were read in name order.", "doubtful")
    pages: list[Page] = []
    seen: set[str] = set()
    for item in order:
        member = archive.find(item.path)
        if member is None or member in seen or (item.media_type and item.media_type not in _HTML_TYPES):
            continue
        seen.add(member)
        root = parse_document(archive.read(member), f"The EPUB page {member}")
        contents = _is_contents_page(root)  # such as calibre's own, which it adds to a Kindle book
        pages.append(Page(member, root, item.item_id, "nav" in item.properties.split() or contents))
    return pages


def _pre_paginated(opf: etree._Element) -> bool:
    """A fixed-layout book (``rendition:layout`` pre-paginated): each page is a page, not a chapter."""
    for element in opf.iter():
        if _local(element) == "meta" and (element.get("property") or "") == "rendition:layout":
            return (element.text or "").strip() == "pre-paginated"
    return False


def _join_prefaces(root: etree._Element) -> None:
    """calibre splits AO3's preface over pages (the tags on one, the title and summary on the next): one again."""
    prefaces = [element for element in root.iter("div") if element.get("id") == "preface"]
    for extra in prefaces[1:]:
        prefaces[0].extend(list(extra))
        extra.getparent().remove(extra)


def _drop_toc_title(root: etree._Element, title: str | None) -> None:
    """The heading AO3 puts above a one-chapter work's text for the table of contents, which repeats the title."""
    if not title:
        return
    for heading in list(root.iter("h2")):
        parent = heading.getparent()
        in_meta = parent is not None and "meta" in (parent.get("class") or "").split()
        same = " ".join(element_text(heading).split()).casefold() == " ".join(title.split()).casefold()
        if "toc-heading" in (heading.get("class") or "").split() and not in_meta and same:
            remove_keep_tail(heading)


def parse_epub(data: bytes, *, max_bytes: int, from_kindle: bool = False) -> ParsedWork:
    """Parse an EPUB 2 or 3 file; raises ImportRejected for damaged, hostile or empty books. ``from_kindle``: the
    EPUB calibre made of a Kindle book, whose AO3 layout is put back first (:mod:`.calibre_ao3`)."""
    archive = open_zip(data, max_bytes=max_bytes, kind=KIND)
    package = _find_package(archive)
    opf = parse_xml(archive.read(package), "The EPUB's package document", recover=True)
    work = ParsedWork(source_format=SOURCE_FORMAT)
    subjects, fanficfare = _read_metadata(opf, work)
    items, spine, ncx_path = _manifest(opf, posixpath.dirname(package))
    try:
        labels = _toc_labels(archive, items, ncx_path)
    except ImportRejected as exc:
        if exc.code != "corrupt":
            raise
        labels = {}
        work.add_problem(
            "chapters", "The EPUB's table of contents cannot be read; chapter titles may be missing.", "info"
        )
    pages = _pages(archive, items, spine, work)
    if not pages:
        raise ImportRejected("no-prose", "The EPUB has no readable pages.")
    if from_kindle:
        calibre_ao3.restore([page.root for page in pages])
    info_page = front.ffnet_info_page(pages)
    label_page, entries = front.label_page(pages) if info_page is None else (None, [])
    if info_page is not None:
        front.read_ffnet_info(info_page, work)
        fill_generic(pages, labels, work, fanficfare=False, skip=frozenset({info_page.name}), fan_fiction=True)
        add_subjects(work, front.unescaped(subjects), ignore=_FFF_IGNORED_SUBJECTS, skip=front.BOOKKEEPING)
    elif not fanficfare and any(ao3.is_ao3(page.root) for page in pages):
        work.source_format = AO3_FORMAT
        combined = etree.Element("html")
        body = etree.SubElement(combined, "body")
        for page in pages:
            if not page.is_nav:
                calibre_ao3.mark_renamed(page.root)
                _drop_toc_title(page.root, work.title)
                wrapper = etree.SubElement(body, "div")
                page_body = body_of(page.root)
                wrapper.text = page_body.text
                wrapper.extend(list(page_body))
        _join_prefaces(combined)
        parse_html_root(combined, work)
        add_subjects(work, subjects, ignore=_AO3_IGNORED_SUBJECTS)
    elif bundled := front.anthology_pages(pages):
        front.read_anthology(bundled, work)
        skip = frozenset(page.name for page in bundled)
        fill_generic(pages, labels, work, fanficfare=True, skip=skip, fan_fiction=True)
        add_subjects(work, front.unescaped(subjects), ignore=_FFF_IGNORED_SUBJECTS, skip=front.BOOKKEEPING)
    elif fanficfare or label_page is not None:
        front.read_label_page(label_page, entries, work, fanficfare=fanficfare)
        skip = frozenset({label_page.name}) if label_page is not None else frozenset()
        fill_generic(pages, labels, work, fanficfare=fanficfare, skip=skip, fan_fiction=True)
        add_subjects(work, front.unescaped(subjects), ignore=_FFF_IGNORED_SUBJECTS, skip=front.BOOKKEEPING)
    else:
        fill_generic(pages, labels, work, fanficfare=False, paginated=_pre_paginated(opf))
        add_subjects(work, subjects)
    return finish(work)
