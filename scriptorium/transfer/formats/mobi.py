"""Kindle books (MOBI, AZW3: AO3 offers both), read by converting them to EPUB with calibre's ``ebook-convert``.

AO3 makes its MOBI and AZW3 downloads with calibre from the same HTML as its EPUB, so the EPUB calibre makes back
carries AO3's preface and is read by :mod:`.epub` like AO3's own EPUB. The conversion runs in a temporary folder
with a time limit; without calibre installed the file is refused with advice.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from scriptorium.transfer.formats import epub
from scriptorium.transfer.parsed import ImportRejected, ParsedWork

SOURCE_FORMAT = "mobi"
#: A Palm database's type and creator at offset 60: every MOBI and AZW3 (KF8) file.
_MAGIC = b"BOOKMOBI"
_TIMEOUT = 180


def is_mobi(data: bytes) -> bool:
    return data[60:68] == _MAGIC


def _converter() -> str | None:
    return shutil.which("ebook-convert")


def parse_mobi(data: bytes, *, max_bytes: int) -> ParsedWork:
    """Convert a MOBI/AZW3 book to EPUB and read that; raises ImportRejected when it cannot be converted."""
    converter = _converter()
    if converter is None:
        raise ImportRejected(
            "unsupported",
            "Kindle books (.mobi, .azw3) are read with calibre, which is not installed here; download the EPUB "
            "version of the work instead.",
        )
    with tempfile.TemporaryDirectory(prefix="scriptorium-mobi-") as folder:
        source, target = Path(folder) / "book.mobi", Path(folder) / "book.epub"
        source.write_bytes(data)
        try:
            subprocess.run(  # noqa: S603 - a fixed program, our own file names, no shell
                [converter, str(source), str(target)],
                cwd=folder,
                capture_output=True,
                timeout=_TIMEOUT,
                check=True,
                env={"PATH": "/usr/bin:/bin", "HOME": folder, "CALIBRE_CONFIG_DIRECTORY": folder},
            )
        except subprocess.TimeoutExpired as exc:
            raise ImportRejected("corrupt", "The Kindle book took too long to convert, so it cannot be read.") from exc
        except (subprocess.CalledProcessError, OSError) as exc:
            raise ImportRejected(
                "corrupt",
                "The file looks like a Kindle book (.mobi, .azw3) but calibre cannot convert it (damaged, or "
                "locked with DRM). Download the EPUB version of the work instead.",
            ) from exc
        if not target.exists():
            raise ImportRejected("corrupt", "The Kindle book could not be converted, so it cannot be read.")
        converted = target.read_bytes()
    work = epub.parse_epub(converted, max_bytes=max(max_bytes, len(converted)), from_kindle=True)
    work.source_format = f"{work.source_format}-via-mobi"
    work.add_problem("format", "The Kindle book was converted to EPUB with calibre to be read.", "info")
    return work
