"""A single HTML file: AO3's HTML download (see :mod:`.ao3`), a saved AO3 work page (:mod:`.ao3_page`), a
saved FanFiction.Net chapter (:mod:`.ffnet_html`), FanFicFare's HTML (:mod:`.fanficfare_html`), or any web page
or saved document.

For an ordinary page the title is a lone leading ``<h1>`` (else ``<title>``), the author ``<meta name="author">``,
the summary ``<meta name="description">`` and the language ``<html lang>``. Chapters are cut at the heading
level that repeats (``<h1>`` when there are several, else ``<h2>``) and at "Chapter N" lines.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from scriptorium.transfer.decoding import decode_bytes
from scriptorium.transfer.formats import ao3, ao3_page, fanficfare_html, ffnet_html
from scriptorium.transfer.formats.common import finish, is_placeholder_author, language
from scriptorium.transfer.formats.markup import (
    body_of,
    chapter_level,
    clean_tree,
    element_text,
    fill_chapters,
    flatten,
    html_to_plain,
    parse_document,
    report_images,
    split_chapters,
)
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext.fields import split_people

SOURCE_FORMAT = "html"
AO3_FORMAT = "ao3-html"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GENERIC_TITLES = frozenset({"", "untitled", "document", "untitled document", "new document"})
_AO3_TITLE_SUFFIX = re.compile(r"\s*\[Archive of Our Own\]\s*$", re.IGNORECASE)


def decode_html(data: bytes, *, max_bytes: int) -> tuple[str, str]:
    """Text of an HTML file: its declared charset when it has one and it fits, else UTF-8 / Windows-1252."""
    head = data[:4096]
    declared = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            name = ""
        if name and name not in ("utf-8", "cp1252", "latin-1", "iso8859-1", "utf-16"):
            try:
                return data.decode(name).replace("\r\n", "\n").replace("\r", "\n"), name
            except UnicodeDecodeError:
                pass
    return decode_bytes(data, max_bytes=max_bytes)


def looks_like_html(text: str) -> bool:
    """Content sniffing: a document that opens as HTML/XHTML, or a fragment built of HTML paragraphs."""
    start = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) and ("<html" in text[:4096].lower()):
        return True
    if start.startswith(("<head", "<body", "<meta", "<title")):
        return True
    sample = text[:20000].lower()
    return start.startswith("<") and sample.count("<p") + sample.count("<br") >= 3 and "</" in sample


def _meta(root: etree._Element, name: str) -> str:
    for meta in root.iter("meta"):
        if (meta.get("name") or meta.get("property") or "").casefold() in (name, f"og:{name}"):
            return " ".join((meta.get("content") or "").split())
    return ""


def _read_head(root: etree._Element, work: ParsedWork) -> str:
    """Metadata from ``<head>`` and ``<html lang>``; returns the ``<title>`` text."""
    title_element = next(root.iter("title"), None)
    title = element_text(title_element) if title_element is not None else ""
    author = _meta(root, "author")
    if author and not is_placeholder_author(author):
        work.creators = split_people(author)
    description = _meta(root, "description")
    if description:
        work.summary = html_to_plain(description)
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or _meta(root, "language")
    if lang:
        work.language = language(lang)
    return title


def parse_html_root(root: etree._Element, work: ParsedWork) -> ParsedWork:
    """Fill ``work`` from a parsed HTML document (also used for EPUB pages read together)."""
    # Saved pages of other sites: their <head> describes the site (its author, its blurb, its language), not
    # the story, so only the page's own parts are read; metadata before cleaning unwraps the links.
    if fanficfare_html.is_fanficfare_html(root):
        fanficfare_html.read_metadata(root, work)
        report_images(work, fanficfare_html.read_chapters(root, work))
        return work
    if ffnet_html.is_ffnet_page(root):
        ffnet_html.read_metadata(root, work)
        report_images(work, clean_tree(root))
        ffnet_html.read_chapters(root, work)
        return work
    if ao3_page.is_adult_notice(root):
        ao3_page.refuse_adult_notice()
    if ao3_page.is_ao3_listing(root):
        ao3_page.refuse_listing(root)
    if ao3_page.is_ao3_page(root):
        ao3_page.read_metadata(root, work)
        report_images(work, clean_tree(root))
        ao3_page.read_chapters(root, work)
        return work
    if ao3.is_ao3(root):
        work.source_format = work.source_format or AO3_FORMAT
        page_title = _read_head(root, work)
        ao3.read_front_matter(root, work)
        report_images(work, clean_tree(root))
        ao3.fill_ao3(root, work, front_matter=False)
        if work.title is None and page_title:
            work.title = _AO3_TITLE_SUFFIX.sub("", page_title).split(" - ")[0].strip() or None
        return work
    work.source_format = work.source_format or SOURCE_FORMAT
    page_title = _read_head(root, work)
    report_images(work, clean_tree(root))
    title, level, blocks = chapter_level(flatten(body_of(root)))
    if title:
        work.title = title[:255]
    elif page_title.casefold() not in _GENERIC_TITLES:
        work.title = page_title[:255]
    fill_chapters(work, split_chapters(blocks, level))
    return work


def parse_html(data: bytes, *, max_bytes: int) -> ParsedWork:
    """Parse one HTML file; raises ImportRejected for files that cannot be read or carry no story text."""
    text, encoding = decode_html(data, max_bytes=max_bytes)
    root = parse_document(text, "The HTML file")
    work = ParsedWork(encoding=encoding)
    parse_html_root(root, work)
    return finish(work)
