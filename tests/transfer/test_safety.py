"""Hostile and broken files: each is refused with a clear reason and leaves no rows behind."""

from __future__ import annotations

import io
import random
import stat
import time
import zipfile

import pytest
from lxml import etree

from scriptorium.transfer.formats import parse_file
from scriptorium.transfer.formats.safety import MAX_MEMBERS, open_zip, xml_parser
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import work_import, works_import_archive
from tests.transfer import builders

MB = 1024 * 1024
XXE = '<!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = (
    "<!DOCTYPE doc [\n"
    '<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


def _refused(data: bytes, filename: str, code: str, *, archive: bool = False) -> ImportRejected:
    """Import ``data`` through the service and check it is refused with ``code`` and writes nothing."""
    before = builders.row_counts()
    with pytest.raises(ImportRejected) as info:
        if archive:
            works_import_archive(data=data, filename=filename)
        else:
            work_import(data=data, filename=filename)
    assert info.value.code == code, info.value.message
    assert info.value.message
    assert builders.row_counts() == before
    return info.value


# --- ZIP limits ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_zip_bomb_is_refused() -> None:
    data = builders.zip_bytes({"story.txt": "A real story.", "bomb.txt": b"\x00" * (20 * MB)})
    assert len(data) < MB
    error = _refused(data, "stories.zip", "unsafe", archive=True)
    assert "ZIP bomb" in error.message and "bomb.txt" in error.message


@pytest.mark.django_db
def test_zip_bomb_inside_an_epub_is_refused() -> None:
    page = builders.xhtml("<p>" + " " * (20 * MB) + "x</p>")
    data = builders.replace_member(builders.epub3(), "OEBPS/text/chapter1.xhtml", page)
    error = _refused(data, "story.epub", "unsafe")
    assert "ZIP bomb" in error.message


@pytest.mark.django_db
def test_too_many_members_is_refused() -> None:
    data = builders.zip_bytes([(f"f{i}.txt", "x") for i in range(MAX_MEMBERS + 1)])
    error = _refused(data, "many.zip", "unsafe", archive=True)
    assert f"{MAX_MEMBERS:,}" in error.message


def test_total_uncompressed_size_is_capped() -> None:
    rng = random.Random(7)
    words = ["lantern", "harbour", "salt", "tide", "ferry", "ledger"]
    text = " ".join(rng.choice(words) for _ in range(40_000))  # compresses about 8:1, under the ratio limit
    data = builders.zip_bytes([(f"part{i}.txt", text) for i in range(6)])
    with pytest.raises(ImportRejected) as info:
        open_zip(data, max_bytes=100_000)  # the archive may expand to 1 MB at most
    assert info.value.code == "unsafe"
    assert "expands to more than" in info.value.message


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "stories/../../../outside.txt", "/etc/passwd", "C:\\Windows\\win.ini", "..\\..\\evil.txt"],
)
@pytest.mark.django_db
def test_path_traversal_names_are_refused(name: str) -> None:
    data = builders.zip_bytes([("fine.txt", "A fine story."), (name, "A story with a bad name.")])
    error = _refused(data, "stories.zip", "unsafe", archive=True)
    assert "path traversal" in error.message


@pytest.mark.django_db
def test_symlink_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "A story.")
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    error = _refused(buffer.getvalue(), "stories.zip", "unsafe", archive=True)
    assert "link" in error.message


@pytest.mark.django_db
def test_encrypted_member_is_refused() -> None:
    data = bytearray(builders.zip_bytes({"secret.txt": "not really encrypted"}))
    # Set the "encrypted" flag in the local header and in the central directory entry.
    data[6] |= 0x1
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1
    error = _refused(bytes(data), "locked.zip", "encrypted", archive=True)
    assert "password" in error.message


@pytest.mark.parametrize(
    "cut",
    [lambda d: d[: len(d) // 2], lambda d: d[:-30], lambda d: d[:200]],
    ids=["half", "no-central-directory-end", "first-header-only"],
)
@pytest.mark.django_db
def test_truncated_epub_is_corrupt(cut) -> None:
    error = _refused(cut(builders.fanficfare_epub()), "story.epub", "corrupt")
    assert "damaged or incomplete" in error.message


@pytest.mark.django_db
def test_truncated_zip_of_stories_is_corrupt() -> None:
    data = builders.zip_bytes({"a.txt": "One story. " * 200, "b.txt": "Another story. " * 200})
    _refused(data[: len(data) - 40], "stories.zip", "corrupt", archive=True)


@pytest.mark.django_db
def test_damaged_member_data_is_corrupt() -> None:
    data = bytearray(builders.fanficfare_epub())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("OEBPS/file0001.xhtml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 5, start + 25):
        data[offset] ^= 0xFF
    error = _refused(bytes(data), "story.epub", "corrupt")
    assert "damaged" in error.message


# --- XML entities -------------------------------------------------------------------------------------


def _opf_with(prefix: str, title: str) -> bytes:
    opf = builders.opf(f"<dc:title>{title}</dc:title>", [("c1", "c1.xhtml")], ncx=None, prefix=prefix)
    return builders.epub({"OEBPS/content.opf": opf, "OEBPS/c1.xhtml": builders.xhtml("<p>Story text.</p>")})


@pytest.mark.django_db
def test_xxe_in_the_opf_is_refused() -> None:
    error = _refused(_opf_with(XXE.replace("doc", "package"), "&xxe;"), "story.epub", "unsafe")
    assert "entities" in error.message


@pytest.mark.django_db
def test_xxe_in_a_chapter_is_refused() -> None:
    page = builders.xhtml("<p>&xxe;</p>", doctype='<?xml version="1.0"?>\n' + XXE.replace("doc", "html"))
    data = builders.replace_member(builders.epub3(), "OEBPS/text/chapter1.xhtml", page)
    _refused(data, "story.epub", "unsafe")


@pytest.mark.django_db
def test_xxe_in_container_xml_is_refused() -> None:
    container = '<?xml version="1.0"?>\n' + XXE.replace("doc", "container") + builders.CONTAINER.split("\n", 1)[1]
    data = builders.replace_member(builders.epub3(), "META-INF/container.xml", container)
    _refused(data, "story.epub", "unsafe")


@pytest.mark.django_db
def test_xxe_in_a_word_document_is_refused() -> None:
    docx = builders.docx_bytes([("Normal", [("Text.", "")])])
    document = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    declaration, rest = document.split("\n", 1)
    hostile = f"{declaration}\n{XXE.replace('doc', 'w:document')}{rest}"
    _refused(builders.replace_member(docx, "word/document.xml", hostile), "story.docx", "unsafe")


@pytest.mark.django_db
def test_entities_in_an_html_file_are_refused() -> None:
    page = f"<?xml version='1.0'?>\n{XXE.replace('doc', 'html')}<html><body><p>&xxe;</p></body></html>"
    _refused(page.encode(), "story.html", "unsafe")


@pytest.mark.django_db
def test_billion_laughs_in_a_chapter_is_refused_quickly() -> None:
    page = builders.xhtml("<p>&lol9;</p>", doctype='<?xml version="1.0"?>\n' + LAUGHS.replace("doc", "html"))
    data = builders.replace_member(builders.epub3(), "OEBPS/text/chapter1.xhtml", page)
    started = time.monotonic()
    _refused(data, "story.epub", "unsafe")
    assert time.monotonic() - started < 5


@pytest.mark.django_db
def test_billion_laughs_in_the_opf_is_refused() -> None:
    _refused(_opf_with(LAUGHS.replace("doc", "package"), "&lol9;"), "story.epub", "unsafe")


def test_utf16_entity_declaration_is_caught() -> None:
    page = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        + XXE.replace("doc", "html")
        + "<html><body><p>&xxe;</p></body></html>"
    ).encode("utf-16")
    data = builders.replace_member(builders.epub3(), "OEBPS/text/chapter1.xhtml", page)
    with pytest.raises(ImportRejected) as info:
        parse_file(data, "story.epub", max_bytes=10 * MB)
    assert info.value.code == "unsafe"


def test_the_parser_itself_resolves_no_entities() -> None:
    """Defence in depth: even past the entity check, lxml reads no file and expands nothing."""
    external = etree.fromstring(f"{XXE}<doc>&xxe;</doc>".encode(), parser=xml_parser())
    assert "root:" not in "".join(external.itertext())
    try:
        laughs = etree.fromstring(f"{LAUGHS}<doc>&lol9;</doc>".encode(), parser=xml_parser())
    except etree.XMLSyntaxError:
        return  # libxml2 refusing the amplification is fine too
    assert len("".join(laughs.itertext())) < 1000


# --- Markup in chapters ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_scripts_and_handlers_in_epub_chapters_never_reach_the_database() -> None:
    body = (
        '<h1>Second</h1><p onclick="steal()">Hello <a href="javascript:steal()">there</a>.</p>'
        '<script type="text/javascript">steal()</script><iframe src="https://evil.example/"></iframe>'
        '<p><a href="vbscript:msgbox(1)">old trick</a> <img src="x.png" onerror="steal()"/></p>'
        '<object data="evil.swf"></object><p style="background:url(javascript:steal())">styled</p>'
    )
    result = work_import(data=builders.epub3(chapter_two_body=body), filename="story.epub")
    text = result.work.chapters.get(position=2).text.lower()
    for needle in ("script", "steal", "onclick", "onerror", "iframe", "object", "style=", "vbscript", "<img"):
        assert needle not in text
    assert "hello there." in text and "old trick" in text and "styled" in text


# --- Big paragraphs -----------------------------------------------------------------------------------


def _big_paragraph(size: int) -> str:
    rng = random.Random(5)
    words = ["lantern", "harbour", "quiet", "salt", "ferry", "orchard", "ledger", "map", "tide", "rain"]
    out: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(words)
        out.append(word)
        total += len(word) + 1
    return " ".join(out)


BIG = _big_paragraph(5 * MB)


@pytest.mark.parametrize(
    ("filename", "make"),
    [
        ("big.txt", lambda p: p.encode()),
        ("big.html", lambda p: f"<html><body><h1>Big</h1><p>{p}</p></body></html>".encode()),
        ("big.md", lambda p: f"# Big\n\n{p}\n".encode()),
        ("big.epub", lambda p: builders.epub3(chapter_two_body=f"<h1>Big</h1><p>{p}</p>")),
    ],
    ids=["text", "html", "markdown", "epub"],
)
def test_a_five_megabyte_paragraph_parses_quickly(filename: str, make) -> None:
    started = time.monotonic()
    work = parse_file(make(BIG), filename, max_bytes=20 * MB)
    assert time.monotonic() - started < 20
    assert any(len(chapter.html or chapter.paragraphs[0]) >= 5 * MB for chapter in work.chapters)


@pytest.mark.django_db
def test_a_five_megabyte_paragraph_is_refused_clearly_over_the_chapter_limit(settings) -> None:
    settings.SCRIPTORIUM_IMPORT_MAX_BYTES = 20 * MB
    page = f"<html><body><h1>Big</h1><p>{BIG}</p></body></html>".encode()
    error = _refused(page, "big.html", "invalid")
    assert "510,000" in error.message


@pytest.mark.django_db
def test_a_five_megabyte_paragraph_imports_when_the_chapter_limit_allows(settings, monkeypatch) -> None:
    settings.SCRIPTORIUM_IMPORT_MAX_BYTES = 20 * MB
    monkeypatch.setattr("scriptorium.works.inputs.CHAPTER_TEXT_MAX", 6 * MB)
    result = work_import(data=f"<h1>Big</h1><p>{BIG}</p>".encode(), filename="big.html")
    chapter = result.work.chapters.get()
    assert len(chapter.text) > 5 * MB
    assert chapter.word_count > 500_000
