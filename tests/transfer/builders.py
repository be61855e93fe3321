"""Sample EPUB, DOCX and ZIP files built in code, so the tests show exactly what each file holds.

All prose here is original and short.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

XHTML_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n'
)
CONTAINER = (
    '<?xml version="1.0"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '  <rootfiles><rootfile full-path="{path}" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


def zip_bytes(
    members: dict[str, bytes | str] | Iterable[tuple[str, bytes | str]],
    *,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A ZIP archive of ``members`` (name → content), in the order given."""
    buffer = io.BytesIO()
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in items:
            data = content.encode("utf-8") if isinstance(content, str) else content
            if name == "mimetype":
                archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
            else:
                archive.writestr(name, data)
    return buffer.getvalue()


def xhtml(body: str, *, title: str = "", head: str = "", doctype: str = XHTML_DOCTYPE) -> str:
    return (
        f'{doctype}<html xmlns="http://www.w3.org/1999/xhtml">\n'
        f"<head><title>{title}</title>{head}</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def opf(
    metadata: str,
    pages: list[tuple[str, str]],
    *,
    version: str = "2.0",
    extra_items: str = "",
    nav: str | None = None,
    ncx: str | None = "toc.ncx",
    prefix: str = "",
) -> str:
    """A package document listing ``pages`` (id, href) as the spine, in order."""
    items = "\n".join(
        f'    <item id="{page_id}" href="{href}" media-type="application/xhtml+xml"/>' for page_id, href in pages
    )
    if nav:
        items += f'\n    <item id="nav" href="{nav}" media-type="application/xhtml+xml" properties="nav"/>'
    if ncx:
        items += f'\n    <item id="ncx" href="{ncx}" media-type="application/x-dtbncx+xml"/>'
    spine = "\n".join(f'    <itemref idref="{page_id}"/>' for page_id, _ in pages)
    toc = ' toc="ncx"' if ncx else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prefix}'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="{version}" unique-identifier="uid">\n'
        '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">\n'
        f"{metadata}\n  </metadata>\n"
        f"  <manifest>\n{items}\n{extra_items}  </manifest>\n"
        f"  <spine{toc}>\n{spine}\n  </spine>\n"
        "</package>\n"
    )


def ncx(points: list[tuple[str, str]]) -> str:
    nav_points = "\n".join(
        f'<navPoint id="p{i}" playOrder="{i}"><navLabel><text>{label}</text></navLabel>'
        f'<content src="{src}"/></navPoint>'
        for i, (label, src) in enumerate(points, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">\n'
        f"<head/><docTitle><text>x</text></docTitle><navMap>\n{nav_points}\n</navMap></ncx>\n"
    )


def epub(
    files: dict[str, bytes | str], *, package: str = "OEBPS/content.opf", container: bool = True, mimetype: bool = True
) -> bytes:
    """An EPUB: ``mimetype`` first and stored, ``META-INF/container.xml`` pointing at ``package``, then files."""
    members: list[tuple[str, bytes | str]] = []
    if mimetype:
        members.append(("mimetype", "application/epub+zip"))
    if container:
        members.append(("META-INF/container.xml", CONTAINER.format(path=package)))
    members.extend(files.items())
    return zip_bytes(members)


# --- FanFicFare EPUB 2 -------------------------------------------------------------------------------

FFF_TITLE_PAGE = xhtml(
    """<h3><a href="https://www.fanfiction.net/s/1234567/1/">The Cartographer's Apprentice</a> by
<a class="authorurl" href="https://www.fanfiction.net/u/42/">inkwell</a></h3>
<div>
<b>Category:</b> Marvel Cinematic Universe<br />
<b>Genre:</b> Adventure, Friendship, F/M<br />
<b>Language:</b> English<br />
<b>Characters:</b> Maria Hill, Nick Fury<br />
<b>Relationships:</b> Maria Hill/Sharon Carter<br />
<b>Status:</b> Completed<br />
<b>Published:</b> 2019-07-02<br />
<b>Updated:</b> 2019-08-15<br />
<b>Packaged:</b> 2024-01-01 10:00:00<br />
<b>Rating:</b> Fiction T<br />
<b>Warnings:</b> No Archive Warnings Apply<br />
<b>Chapters:</b> 2<br />
<b>Words:</b> 96<br />
<b>Publisher:</b> www.fanfiction.net<br />
<b>Summary:</b> Maria inherits a drawer of maps that do not match the coast.<br />
<b>Beta:</b> lighthouse_keeper<br />
</div>""",
    title="The Cartographer's Apprentice by inkwell",
)


def fff_chapter(title: str, paragraphs: list[str]) -> str:
    body = f'<h3 class="fff_chapter_title">{title}</h3>\n' + "\n".join(f"<p>{p}</p>" for p in paragraphs)
    head = f'<meta name="chaptertitle" content="{title}"/><meta name="chapterurl" content="https://example.org/c"/>'
    return xhtml(body, title=title, head=head)


def fanficfare_epub(*, chapter_one: str | None = None) -> bytes:
    metadata = """    <dc:identifier id="uid">fanficfare-uid:www.fanfiction.net-u42-s1234567</dc:identifier>
    <dc:title>The Cartographer's Apprentice</dc:title>
    <dc:creator opf:role="aut">inkwell</dc:creator>
    <dc:contributor opf:role="bkp">FanFicFare [https://github.com/JimmXinu/FanFicFare]</dc:contributor>
    <dc:description>&lt;p&gt;Maria inherits a drawer of maps that do not match the coast.&lt;/p&gt;</dc:description>
    <dc:language>en</dc:language>
    <dc:date opf:event="publication">2019-07-02</dc:date>
    <dc:date opf:event="modification">2019-08-15</dc:date>
    <dc:subject>FanFiction</dc:subject>
    <dc:subject>Adventure</dc:subject>
    <dc:subject>Maria Hill</dc:subject>
    <dc:subject>Completed</dc:subject>
    <dc:subject>Found Family</dc:subject>
    <dc:source>https://www.fanfiction.net/s/1234567/1/</dc:source>
    <meta name="calibre:series" content="Coastlines"/>
    <meta name="calibre:series_index" content="3.0"/>"""
    pages = [
        ("title_page", "OEBPS/title_page.xhtml"),
        ("file0001", "OEBPS/file0001.xhtml"),
        ("file0002", "OEBPS/file0002.xhtml"),
    ]
    one = chapter_one or fff_chapter(
        "Chapter 1: The Drawer",
        [
            "The drawer stuck, as old drawers do, and then gave all at once.",
            "Inside lay maps of a coast that had <s>never</s> existed, inked in a careful hand.",
        ],
    )
    two = fff_chapter(
        "Chapter 2: Low Tide",
        [
            "At low tide the sandbar matched the third map exactly.",
            "Maria folded the map along its old creases and walked out to meet it.",
        ],
    )
    return epub(
        {
            "content.opf": opf(metadata, pages),
            "toc.ncx": ncx(
                [
                    ("Title Page", "OEBPS/title_page.xhtml"),
                    ("Chapter 1: The Drawer", "OEBPS/file0001.xhtml"),
                    ("Chapter 2: Low Tide", "OEBPS/file0002.xhtml"),
                ]
            ),
            "OEBPS/title_page.xhtml": FFF_TITLE_PAGE,
            "OEBPS/file0001.xhtml": one,
            "OEBPS/file0002.xhtml": two,
        },
        package="content.opf",
    )


# --- EPUB 3 (ordinary) --------------------------------------------------------------------------------

EPUB3_METADATA = """    <dc:identifier id="uid">urn:uuid:00000000-0000-4000-8000-000000000001</dc:identifier>
    <dc:title>Salt and Lamplight</dc:title>
    <dc:creator id="c1">Wren Ashdown</dc:creator>
    <meta refines="#c1" property="role" scheme="marc:relators">aut</meta>
    <dc:creator id="c2">Some Illustrator</dc:creator>
    <meta refines="#c2" property="role" scheme="marc:relators">ill</meta>
    <dc:description>Two keepers, one lighthouse, a winter of letters.</dc:description>
    <dc:language>en-GB</dc:language>
    <dc:subject>Epistolary</dc:subject>
    <dc:subject>Winter</dc:subject>
    <dc:date>2022-12-01</dc:date>
    <meta property="dcterms:modified">2023-01-01T00:00:00Z</meta>
    <meta property="belongs-to-collection" id="s1">Lighthouse Letters</meta>
    <meta refines="#s1" property="group-position">1</meta>"""


def epub3(*, chapter_two_body: str | None = None, nav: bool = True) -> bytes:
    pages = [("cover", "cover.xhtml"), ("c1", "text/chapter1.xhtml"), ("c2", "text/chapter2.xhtml")]
    files: dict[str, bytes | str] = {
        "OEBPS/content.opf": opf(EPUB3_METADATA, pages, version="3.0", nav="nav.xhtml" if nav else None, ncx=None),
        "OEBPS/cover.xhtml": xhtml('<img src="cover.jpg" alt="cover"/>', doctype='<?xml version="1.0"?>\n'),
        "OEBPS/text/chapter1.xhtml": xhtml(
            "<h1>The First Letter</h1>\n<p>Dear Ansel, the lamp smokes when the wind is from the east.</p>\n"
            "<p>I have begun to <em>like</em> the smoke.</p>",
            doctype='<?xml version="1.0"?>\n<!DOCTYPE html>\n',
        ),
        "OEBPS/text/chapter2.xhtml": xhtml(
            chapter_two_body
            or "<h1>The Second Letter</h1>\n<p>Dear Ilse, east wind here too. We are, it seems, one weather.</p>",
            doctype='<?xml version="1.0"?>\n<!DOCTYPE html>\n',
        ),
    }
    if nav:
        files["OEBPS/nav.xhtml"] = xhtml(
            '<nav epub:type="toc" xmlns:epub="http://www.idpf.org/2007/ops"><ol>'
            '<li><a href="text/chapter1.xhtml">Letter One</a></li>'
            '<li><a href="text/chapter2.xhtml">Letter Two</a></li></ol></nav>',
            doctype='<?xml version="1.0"?>\n<!DOCTYPE html>\n',
        )
    return epub(files)


# --- AO3-style EPUB (a preface page, chapter pages, an afterword) --------------------------------------

AO3_PREFACE = """<div id="preface">
<p class="message"><b>Borrowed Umbrellas</b><br/>Posted originally on the Archive of Our Own.</p>
<div class="meta">
<dl class="tags">
<dt>Rating:</dt><dd>General Audiences</dd>
<dt>Archive Warning:</dt><dd>No Archive Warnings Apply</dd>
<dt>Category:</dt><dd>Gen</dd>
<dt>Fandom:</dt><dd>Captain America (Movies)</dd>
<dt>Character:</dt><dd>Peggy Carter, Steve Rogers</dd>
<dt>Additional Tags:</dt><dd>Rain, Umbrellas</dd>
<dt>Language:</dt><dd>English</dd>
<dt>Stats:</dt><dd>Published: 2020-10-10 Completed: 2020-10-20 Words: 40 Chapters: 2/2</dd>
</dl>
<h1>Borrowed Umbrellas</h1>
<div class="byline">by <a rel="author" href="https://archiveofourown.org/users/drizzle">drizzle</a></div>
<p>Summary</p>
<blockquote class="userstuff"><p>Every umbrella in the office belongs to Peggy, eventually.</p></blockquote>
</div>
</div>"""


def ao3_epub() -> bytes:
    chapter = (
        '<div id="chapters" class="userstuff"><div class="meta group"><h2 class="heading">Chapter {n}: {title}</h2>'
        '</div><div class="userstuff">{text}</div></div>'
    )
    pages = [
        ("preface", "preface.xhtml"),
        ("ch1", "chapter1.xhtml"),
        ("ch2", "chapter2.xhtml"),
        ("after", "afterword.xhtml"),
    ]
    metadata = """    <dc:title>Borrowed Umbrellas</dc:title>
    <dc:creator opf:role="aut">drizzle</dc:creator>
    <dc:publisher>Archive of Our Own</dc:publisher>
    <dc:language>en</dc:language>
    <dc:subject>General Audiences</dc:subject>
    <dc:subject>Captain America (Movies)</dc:subject>
    <dc:subject>Rain</dc:subject>"""
    return epub(
        {
            "OEBPS/content.opf": opf(metadata, pages),
            "OEBPS/toc.ncx": ncx([("Preface", "preface.xhtml"), ("Monday", "chapter1.xhtml")]),
            "OEBPS/preface.xhtml": xhtml(AO3_PREFACE),
            "OEBPS/chapter1.xhtml": xhtml(
                chapter.format(
                    n=1,
                    title="Monday",
                    text="<p>The black umbrella went missing first.</p><p>Steve blamed the wind.</p>",
                )
            ),
            "OEBPS/chapter2.xhtml": xhtml(
                chapter.format(n=2, title="Friday", text="<p>By Friday, Peggy owned a forest of them.</p>")
            ),
            "OEBPS/afterword.xhtml": xhtml(
                '<div id="afterword"><div id="endnotes"><p>End Notes</p><blockquote class="userstuff">'
                "<p>Stay dry.</p></blockquote></div></div>"
            ),
        }
    )


# --- DOCX ------------------------------------------------------------------------------------------------


def docx_bytes(
    paragraphs: list[tuple[str, list[tuple[str, str]]]],
    *,
    title: str = "",
    author: str = "",
    language: str = "",
) -> bytes:
    """A Word document. Each paragraph is (style, runs); a run is (text, flags) with flags among "i", "b",
    "u", "c" (centred paragraph) — e.g. ("Normal", [("She said ", ""), ("no", "i")])."""
    document = docx.Document()
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.comments = ""
    properties.language = language
    for style, runs in paragraphs:
        paragraph = document.add_paragraph(style=style)
        for text, flags in runs:
            run = paragraph.add_run(text)
            run.italic = "i" in flags or None
            run.bold = "b" in flags or None
            run.underline = "u" in flags or None
            if "c" in flags:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_member(archive: bytes, name: str, content: bytes | str) -> bytes:
    """The same ZIP with one member's content replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    members = [(info.filename, source.read(info.filename)) for info in source.infolist() if info.filename != name]
    members.append((name, content))
    return zip_bytes(members)


def row_counts() -> dict[str, int]:
    """Rows an import could leave behind; a failed import must leave every count unchanged."""
    from scriptorium.accounts.models import Pseud, User
    from scriptorium.tags.models import Tag
    from scriptorium.works.models import Chapter, Series, Work

    return {model.__name__: model.objects.count() for model in (Work, Chapter, Tag, Series, User, Pseud)}
