"""Every story file format the archive imports, behind one dispatcher.

:func:`detect_format` looks at the content first and the file name second, so a file with the wrong
extension still imports (an EPUB named ``.txt`` is an EPUB, an HTML page named ``.md`` is HTML):

- Kindle books (MOBI, AZW3) by their header, converted to EPUB with calibre (:mod:`.mobi`);
- ZIP-based files by their members: EPUB (``META-INF/container.xml`` / an OPF), Word (``word/document.xml``),
  OpenDocument (refused with advice), anything else is a ZIP of story files;
- text by its markup: HTML (including AO3's download), Markdown (a ``---`` block or ``#`` chapter headings);
- then the extension (``.html``, ``.md``…); everything else is plain text, read by :mod:`..plaintext`.

:func:`parse_file` returns a :class:`ParsedWork` or raises :class:`ImportRejected`; it never touches the
database.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from scriptorium.transfer.decoding import decode_bytes
from scriptorium.transfer.formats import archive, docx, epub, html, markdown, mobi
from scriptorium.transfer.formats.non_story import refuse_non_story, refuse_non_story_markup
from scriptorium.transfer.parsed import ImportRejected, ParsedWork
from scriptorium.transfer.plaintext import parse_text

__all__ = ["ACCEPTED_EXTENSIONS", "FORMATS", "SUPPORTED", "detect_format", "parse_file"]

FORMATS: tuple[str, ...] = ("epub", "docx", "odt", "zip", "mobi", "html", "markdown", "text")
_EXTENSIONS: dict[str, str] = {
    ".epub": "epub",
    ".docx": "docx",
    ".odt": "odt",
    ".zip": "zip",
    ".mobi": "mobi",
    ".azw3": "mobi",
    ".azw": "mobi",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".txt": "text",
    ".text": "text",
}
#: File name endings the upload form offers (its ``accept`` attribute).
ACCEPTED_EXTENSIONS: tuple[str, ...] = (
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".epub",
    ".docx",
    ".mobi",
    ".azw3",
    ".zip",
)
#: The formats in words, for help texts and error messages.
SUPPORTED = (
    "plain text (.txt), Markdown (.md), HTML (.html, such as AO3's download), EPUB (.epub, such as AO3's or "
    "FanFicFare's), Kindle (.mobi, .azw3, such as AO3's), Word (.docx), or a ZIP archive of such files"
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SNIFF_BYTES = 64 * 1024
_MB = 1024 * 1024


def _extension(filename: str) -> str:
    name = posixpath.basename(filename.replace("\\", "/")).casefold()
    return name[name.rfind(".") :] if "." in name else ""


def _small_member(package: zipfile.ZipFile, name: str) -> bytes:
    """A tiny member such as ``mimetype``; empty when absent or not tiny."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return b""
    return package.read(info)[:200] if info.file_size <= 200 else b""


def _zip_kind(data: bytes, filename: str) -> str:
    """EPUB, DOCX, ODT or a plain ZIP, by the members' names (read from the central directory only)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = [name.casefold() for name in package.namelist()]
        mimetype = _small_member(package, "mimetype")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        # A damaged archive: guess from its first local header, else from the name; its parser says "corrupt".
        head = data[:4096]
        if head[30:38] == b"mimetype" and b"epub" in head[38:80]:
            return "epub"
        if b"[Content_Types].xml" in head or b"word/" in head:
            return "docx"
        kind = _EXTENSIONS.get(_extension(filename), "zip")
        return kind if kind in ("epub", "docx", "odt") else "zip"
    if b"epub" in mimetype or "meta-inf/container.xml" in names or any(name.endswith(".opf") for name in names):
        return "epub"
    if b"opendocument" in mimetype:
        return "odt"
    if "word/document.xml" in names or ("[content_types].xml" in names and any(n.startswith("word/") for n in names)):
        return "docx"
    if "content.xml" in names and "meta-inf/manifest.xml" in names:
        return "odt"
    return "zip"


def _sample(data: bytes) -> str:
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def _looks_like_fanficfare_text(data: bytes, sample: str) -> bool:
    """FanFicFare's TXT (and ours, which names itself on a "Generator:" line): plain text even when its story
    quotes HTML or Markdown."""
    if "\nGenerator: Scriptorium" in sample:
        return True
    return data.rstrip().endswith(b"End file.") and "\nTABLE OF CONTENTS" in sample and not sample.startswith("---")


def detect_format(data: bytes, filename: str = "") -> str:
    """One of :data:`FORMATS` for a file's bytes and name: content first, extension second."""
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(data, filename)
    if mobi.is_mobi(data):
        return "mobi"
    by_name = _EXTENSIONS.get(_extension(filename), "text")
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # binary: the text reader refuses it with a reason
    sample = _sample(data)
    if _looks_like_fanficfare_text(data, sample):
        return "text"
    if html.looks_like_html(sample):
        return "html"
    if markdown.looks_like_markdown(sample):
        return "markdown"
    return by_name if by_name in ("html", "markdown") else "text"


def _megabytes(size: int) -> str:
    value = size / _MB
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def _decode(data: bytes, *, max_bytes: int) -> tuple[str, str]:
    try:
        return decode_bytes(data, max_bytes=max_bytes)
    except ImportRejected as exc:
        if exc.code == "binary":
            message = exc.message.replace(" Upload a .txt file instead.", "")
            raise ImportRejected("binary", f"{message} The archive imports {SUPPORTED}.") from None
        raise


def parse_file(data: bytes, filename: str = "", *, max_bytes: int) -> ParsedWork:
    """Parse an uploaded story file of any supported format; raises ImportRejected with a clear reason."""
    if len(data) > max_bytes:
        raise ImportRejected(
            "too-large", f"The file is {_megabytes(len(data))}, over the {_megabytes(max_bytes)} limit for imports."
        )
    if not data:
        raise ImportRejected("empty", "The file is empty.")
    kind = detect_format(data, filename)
    if kind == "epub":
        return epub.parse_epub(data, max_bytes=max_bytes)
    if kind == "docx":
        return docx.parse_docx(data, max_bytes=max_bytes)
    if kind == "odt":
        raise ImportRejected(
            "unsupported", "OpenDocument (.odt) files cannot be imported yet; save the story as Word (.docx) first."
        )
    if kind == "mobi":
        return mobi.parse_mobi(data, max_bytes=max_bytes)
    if kind == "zip":
        member = archive.single_member(data, max_bytes=max_bytes)
        return parse_file(member.data, member.name, max_bytes=max_bytes)
    if kind == "html":
        refuse_non_story_markup(data)
        return html.parse_html(data, max_bytes=max_bytes)
    text, encoding = _decode(data, max_bytes=max_bytes)
    refuse_non_story(text)
    if kind == "markdown":
        return markdown.parse_markdown(text, encoding=encoding)
    return parse_text(text, encoding=encoding)
