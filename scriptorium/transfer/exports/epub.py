"""The EPUB 3 download, built here with zipfile: valid for EPUBCheck 5 with no error and no warning.

Layout (an OCF container)::

    mimetype                 "application/epub+zip", first and stored
    META-INF/container.xml   points to the package document
    OEBPS/content.opf        metadata (identifier, title, language, creators, subjects, series, dates), manifest,
                             spine
    OEBPS/nav.xhtml          the navigation document (table of contents and landmarks)
    OEBPS/toc.ncx            the EPUB 2 table of contents, for older readers
    OEBPS/style.css          our stylesheet
    OEBPS/preface.xhtml      the title page: AO3's metadata block, title, creators, summary, notes
    OEBPS/chapter-0001.xhtml one page per chapter: heading, summary, notes, text, end notes
    OEBPS/afterword.xhtml    the end notes and the link back to the work

The same bytes come out for the same work revision (fixed timestamps and order), so the file's hash is stable.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Mapping
from pathlib import Path

from scriptorium.transfer.exports.base import Converter
from scriptorium.transfer.exports.document import (
    OURS,
    STYLESHEET,
    afterword,
    chapter_block,
    has_afterword,
    preface,
)
from scriptorium.transfer.exports.snapshot import WorkSnapshot
from scriptorium.transfer.exports.xhtml import escape, to_xhtml

MEDIA_TYPE = "application/epub+zip"
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    "  <rootfiles>\n"
    '    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>\n'
    "  </rootfiles>\n"
    "</container>\n"
)
_XHTML = "application/xhtml+xml"


def _page(work: WorkSnapshot, title: str, body: str) -> str:
    lang = escape(work.language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang="{lang}" xml:lang="{lang}" dir="{work.direction}">\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{escape(title)}</title>\n'
        '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
        f"<body>\n{body}</body>\n</html>\n"
    )


def _chapter_name(position: int, count: int) -> str:
    return f"chapter-{position:0{max(4, len(str(count)))}d}.xhtml"


def _toc_entries(work: WorkSnapshot) -> list[tuple[str, str]]:
    """(file, label) for each page, in reading order."""
    entries = [("preface.xhtml", "Preface")]
    count = len(work.chapters)
    entries += [(_chapter_name(c.position, count), c.display_title) for c in work.chapters]
    if has_afterword(work):
        entries.append(("afterword.xhtml", "Afterword"))
    return entries


def _nav(work: WorkSnapshot) -> str:
    entries = _toc_entries(work)
    items = "\n".join(f'<li><a href="{href}">{escape(label)}</a></li>' for href, label in entries)
    first_chapter = entries[1][0] if len(entries) > 1 else entries[0][0]
    body = (
        f'<nav epub:type="toc" id="toc"{OURS}>\n<h1>Contents</h1>\n<ol>\n{items}\n</ol>\n</nav>\n'
        f'<nav epub:type="landmarks" id="landmarks" hidden="hidden"{OURS}>\n<h2>Landmarks</h2>\n<ol>\n'
        '<li><a epub:type="titlepage" href="preface.xhtml">Title page</a></li>\n'
        f'<li><a epub:type="bodymatter" href="{first_chapter}">Start of the work</a></li>\n'
        "</ol>\n</nav>\n"
    )
    return _page(work, "Contents", body)


def _ncx(work: WorkSnapshot) -> str:
    points = "\n".join(
        f'<navPoint id="np{order}" playOrder="{order}"><navLabel><text>{escape(label)}</text></navLabel>'
        f'<content src="{href}"/></navPoint>'
        for order, (href, label) in enumerate(_toc_entries(work), start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="{escape(work.language)}">\n'
        f'<head>\n<meta name="dtb:uid" content="{work.identifier}"/>\n<meta name="dtb:depth" content="1"/>\n'
        '<meta name="dtb:totalPageCount" content="0"/>\n<meta name="dtb:maxPageNumber" content="0"/>\n</head>\n'
        f"<docTitle><text>{escape(work.title)}</text></docTitle>\n"
        f"<navMap>\n{points}\n</navMap>\n</ncx>\n"
    )


def _modified(work: WorkSnapshot) -> str:
    moment = work.modified_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _metadata(work: WorkSnapshot) -> str:
    lines = [
        f'<dc:identifier id="uid">{work.identifier}</dc:identifier>',
        f'<dc:title id="title">{escape(work.title)}</dc:title>',
        f"<dc:language>{escape(work.language)}</dc:language>",
    ]
    for number, name in enumerate(work.creator_names, start=1):
        lines.append(f'<dc:creator id="creator{number}">{escape(name)}</dc:creator>')
        lines.append(f'<meta refines="#creator{number}" property="role" scheme="marc:relators">aut</meta>')
    summary = to_xhtml(work.summary)
    if summary:
        lines.append(f"<dc:description>{escape(summary)}</dc:description>")
    lines.append(f"<dc:publisher>{escape(work.site_name)}</dc:publisher>")
    if work.url:
        lines.append(f"<dc:source>{escape(work.url)}</dc:source>")
    if work.published_on:
        lines.append(f"<dc:date>{work.published_on.isoformat()}</dc:date>")
    lines.extend(f"<dc:subject>{escape(tag)}</dc:subject>" for tag in dict.fromkeys(work.tags))
    lines.append(f'<meta property="dcterms:modified">{_modified(work)}</meta>')
    for number, ref in enumerate(work.series, start=1):
        lines.append(f'<meta property="belongs-to-collection" id="series{number}">{escape(ref.title)}</meta>')
        lines.append(f'<meta refines="#series{number}" property="collection-type">series</meta>')
        lines.append(f'<meta refines="#series{number}" property="group-position">{ref.position}</meta>')
    if work.series:
        lines.append(f'<meta name="calibre:series" content="{escape(work.series[0].title)}"/>')
        lines.append(f'<meta name="calibre:series_index" content="{work.series[0].position}"/>')
    return "\n    ".join(lines)


def _opf(work: WorkSnapshot, pages: list[str]) -> str:
    items = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
    ]
    items += [f'<item id="p{i}" href="{page}" media-type="{_XHTML}"/>' for i, page in enumerate(pages, start=1)]
    spine = "\n    ".join(f'<itemref idref="p{i}"/>' for i in range(1, len(pages) + 1))
    progression = ' page-progression-direction="rtl"' if work.direction == "rtl" else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" '
        f'xml:lang="{escape(work.language)}" dir="{work.direction}">\n'
        '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f"    {_metadata(work)}\n"
        "  </metadata>\n"
        "  <manifest>\n    " + "\n    ".join(items) + "\n  </manifest>\n"
        f'  <spine toc="ncx"{progression}>\n    {spine}\n  </spine>\n'
        "</package>\n"
    )


def write_epub(work: WorkSnapshot, target: Path, *, compresslevel: int = 6) -> None:
    """Write ``work`` as an EPUB 3 file at ``target``."""
    moment = work.modified_at.timetuple()[:6]
    stamp = moment if moment[0] >= 1980 else (1980, 1, 1, 0, 0, 0)

    def member(name: str, compress: bool = True) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        return info

    count = len(work.chapters)
    pages = ["preface.xhtml", *(_chapter_name(c.position, count) for c in work.chapters)]
    if has_afterword(work):
        pages.append("afterword.xhtml")
    with zipfile.ZipFile(target, "w", compresslevel=compresslevel) as book:
        book.writestr(member("mimetype", compress=False), MEDIA_TYPE)
        book.writestr(member("META-INF/container.xml"), CONTAINER)
        book.writestr(member("OEBPS/content.opf"), _opf(work, pages))
        book.writestr(member("OEBPS/nav.xhtml"), _nav(work))
        book.writestr(member("OEBPS/toc.ncx"), _ncx(work))
        book.writestr(member("OEBPS/style.css"), STYLESHEET)
        book.writestr(member("OEBPS/preface.xhtml"), _page(work, work.title, preface(work)))
        for chapter in work.chapters:
            name = _chapter_name(chapter.position, count)
            book.writestr(
                member(f"OEBPS/{name}"), _page(work, chapter.display_title, chapter_block(chapter, work=work))
            )
        if has_afterword(work):
            book.writestr(member("OEBPS/afterword.xhtml"), _page(work, "Afterword", afterword(work)))


class EpubConverter(Converter):
    extension = "epub"
    content_type = MEDIA_TYPE
    label = "EPUB"

    def convert(self, *, work: WorkSnapshot | None, inputs: Mapping[str, Path], target: Path) -> None:
        assert work is not None
        write_epub(work, target, compresslevel=int(self.options.get("compresslevel", 6)))
