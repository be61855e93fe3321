"""Defences against hostile files: ZIP limits and member names, and XML without entity tricks.

Every ZIP-based format (EPUB, DOCX, a ZIP of stories) is opened through :func:`open_zip`, which refuses
before reading any member:

- more than :data:`MAX_MEMBERS` members;
- more than :func:`total_limit` bytes once uncompressed (ten times the upload limit, capped);
- a member that compresses better than :data:`MAX_RATIO` to 1 (a "ZIP bomb"), or a whole archive that does;
- a member named with an absolute path, a drive letter, a ``..`` part or a NUL byte, or stored as a
  symbolic link (path traversal: names are never used as file system paths here, but such an
  archive is hostile and is refused whole);
- encrypted members, and archives Python's ``zipfile`` cannot read (truncated, damaged).

XML (container.xml, the OPF package, XHTML chapters, DOCX parts) is parsed by lxml with entities left
unresolved, no network and no DTD loading; a document that declares entities (``<!ENTITY``) is refused
outright, which stops both external-entity reads (XXE) and entity-expansion bombs ("billion laughs").
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from scriptorium.transfer.parsed import ImportRejected

MAX_MEMBERS = 5_000
MAX_RATIO = 100
#: Members smaller than this are not judged by their compression ratio (tiny files compress oddly).
RATIO_FLOOR = 64 * 1024
TOTAL_FACTOR = 10
TOTAL_CAP = 256 * 1024 * 1024
_CHUNK = 64 * 1024
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")
_STRAY_AMPERSAND = re.compile(rb"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)")


def total_limit(max_bytes: int) -> int:
    """Most bytes an archive may hold once uncompressed."""
    return min(max_bytes * TOTAL_FACTOR, max(TOTAL_CAP, max_bytes))


def corrupt(kind: str) -> ImportRejected:
    return ImportRejected(
        "corrupt",
        f"The file looks like {kind} but it is damaged or incomplete (a download cut short?), so it cannot be "
        "read. Download or export it again.",
    )


def _unsafe_name(name: str) -> bool:
    if "\x00" in name:
        return True
    path = name.replace("\\", "/")
    if path.startswith("/") or _DRIVE.match(path):
        return True
    return ".." in path.split("/")


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


@dataclass
class SafeZip:
    """A ZIP archive that passed the checks; members are read with a size cap."""

    archive: zipfile.ZipFile
    kind: str
    members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    def names(self) -> list[str]:
        """File members (not folders) in archive order, with "/" separators."""
        return list(self.members)

    def find(self, name: str) -> str | None:
        """The member called ``name``, compared without regard to case; None if absent."""
        if name in self.members:
            return name
        folded = name.casefold()
        return next((member for member in self.members if member.casefold() == folded), None)

    def size(self, name: str) -> int:
        return self.members[name].file_size

    def read(self, name: str) -> bytes:
        info = self.members[name]
        out = io.BytesIO()
        try:
            with self.archive.open(info) as stream:
                for chunk in iter(lambda: stream.read(_CHUNK), b""):
                    out.write(chunk)
                    if out.tell() > info.file_size:  # zipfile caps at the declared size; be sure
                        raise corrupt(self.kind)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise corrupt(self.kind) from exc
        except NotImplementedError as exc:
            raise ImportRejected(
                "corrupt", f"The {self.kind} uses a compression method that cannot be read here."
            ) from exc
        return out.getvalue()

    def __iter__(self) -> Iterator[str]:
        return iter(self.members)


def open_zip(data: bytes, *, max_bytes: int, kind: str = "a ZIP archive") -> SafeZip:
    """Open ``data`` as a ZIP archive after the checks above; raises ImportRejected."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise corrupt(kind) from exc
    if len(infos) > MAX_MEMBERS:
        raise ImportRejected(
            "unsafe",
            f"The archive holds {len(infos):,} files, more than the {MAX_MEMBERS:,} allowed; it was not imported.",
        )
    limit = total_limit(max_bytes)
    total = 0
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if _unsafe_name(info.filename) or _is_symlink(info):
            what = "a link" if _is_symlink(info) else "a path"
            raise ImportRejected(
                "unsafe",
                f"The archive contains “{info.filename[:200]}”, {what} pointing outside the archive "
                "(path traversal); it was not imported.",
            )
        if info.flag_bits & 0x1:
            raise ImportRejected("encrypted", "The archive is password-protected; export it without a password.")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise ImportRejected(
                "unsafe",
                f"“{info.filename[:200]}” in the archive expands {ratio:,.0f} times (more than {MAX_RATIO}:1); "
                "it looks like a ZIP bomb and was not imported.",
            )
        if total > limit:
            raise ImportRejected(
                "unsafe",
                f"The archive expands to more than {limit // (1024 * 1024):,} MB; it was not imported.",
            )
        if info.is_dir():
            continue
        members[posixpath.normpath(info.filename.replace("\\", "/"))] = info
    if total > RATIO_FLOOR and total / max(len(data), 1) > MAX_RATIO:
        raise ImportRejected(
            "unsafe", f"The archive expands more than {MAX_RATIO} times; it looks like a ZIP bomb and was not imported."
        )
    return SafeZip(archive=archive, kind=kind, members=members)


def _scannable(data: bytes) -> bytes:
    """UTF-16 XML hides ``<!ENTITY`` from a byte search; scan it as UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data.replace(b"\x00", b"")
    return data


def refuse_entities(data: bytes, what: str) -> None:
    """Refuse a document that declares XML entities (XXE, entity-expansion bombs)."""
    if _ENTITY_DECLARATION.search(_scannable(data)):
        raise ImportRejected(
            "unsafe",
            f"{what} declares XML entities (<!ENTITY …>), which can read files on the server or expand into "
            "gigabytes of text; the file was not imported.",
        )


def xml_parser(*, recover: bool = False) -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD and touches no network."""
    return etree.XMLParser(
        recover=recover,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, what: str, *, recover: bool = False) -> etree._Element:
    """Parse an XML document safely; raises ImportRejected ("unsafe" or "corrupt").

    With ``recover`` small mistakes (an unescaped ``&``, an unclosed tag) are forgiven, as readers do.
    """
    refuse_entities(data, what)
    try:
        return etree.fromstring(data, parser=xml_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        if not recover:
            raise ImportRejected("corrupt", f"{what} is not well-formed XML, so it cannot be read.") from exc
    try:
        root = etree.fromstring(_STRAY_AMPERSAND.sub(b"&amp;", data), parser=xml_parser(recover=True))
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        raise ImportRejected("corrupt", f"{what} is not well-formed XML, so it cannot be read.")
    return root
