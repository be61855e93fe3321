"""Text files that are plainly no story, refused with a reason instead of imported as an "Untitled" draft:

- a program's log: FanFicFare's (``FFF: ERROR: 2024-…: adapter.py(12): …``), Python tracebacks, time-stamped
  lines with a level (``2024-05-01 10:00:00 ERROR …``);
- FanFicFare's report of failed downloads (its Status / Title / Author / Comment / URL / Error table, copied);
- FanFicFare's saved metadata (the calibre column it fills: "Adapter_Classes:", "Python_Version:"…);
- calibre's book details: ``ebook-meta``'s output (``Title               : …``, ``Author(s)           : …``)
  and package documents (``metadata.opf``, or any EPUB's ``.opf``), which describe a book but hold none of it.

Each test asks for most of the file's lines to look that way, so a story that quotes a log line still imports.
"""

from __future__ import annotations

import re

from scriptorium.transfer.parsed import ImportRejected

CODE = "not-a-story"
_SAVED_METADATA_NEEDED = 3
_REPORT_COLUMNS_NEEDED = 5
_REPORT_LINES = 300
_SCAN_LINES = 400
_LOG_LINE = re.compile(
    r"^(?:"
    r"(?:FFF:\s*)?(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)\s*[:\]-]"  # FanFicFare, logging defaults
    r"|\[?\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\]?[\s:]"  # time-stamped lines
    r"|\[?\d{1,2}:\d{2}:\d{2}\]?\s+\S"
    r"|Traceback \(most recent call last\):"
    r"|\s+File \"[^\"]+\", line \d+"
    r"|[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)(?::|$)"
    r"|The above exception was the direct cause of the following exception:"
    r"|During handling of the above exception, another exception occurred:"
    r"|\s*[~^]{3,}[~^\s]*$"
    r")"
)
_EBOOK_META = re.compile(
    r"^(?:Title|Title sort|Author\(s\)|Author sort|Publisher|Tags|Languages|Published|Identifiers|Comments|Series|"
    r"Rating|Timestamp|Book Producer|Book producer|Rights)\s*:\s"
)
#: Labels only FanFicFare's saved metadata (its calibre "Saved Metadata" column, as text or HTML) carries.
_SAVED_METADATA = re.compile(
    r"\b(Adapter_Classes|Python_Version|Downloader Version|Titlehtml|Authorhtml|Site Abbrev|Story URL Section|"
    r"File Extension|File Format|Langcode|I Marked for Later|I Subscribed|I Bookmarked Story)\s*:",
)
#: The columns of FanFicFare's calibre report of failed downloads.
_REPORT_COLUMNS = frozenset({"status", "title", "author", "comment", "url", "error"})
_TAG = re.compile(r"<[^>]+>")
_PACKAGE = re.compile(r"<package\b[^>]*idpf\.org/2007/opf", re.IGNORECASE)
_HTML = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.split("\n", _SCAN_LINES)[:_SCAN_LINES] if line.strip()]


def _log_share(lines: list[str]) -> float:
    """The share of lines that a log or a traceback writes (a traceback's quoted source lines included)."""
    count = 0
    in_traceback = False
    for line in lines:
        if _LOG_LINE.match(line):
            count += 1
            in_traceback = in_traceback or line.startswith(("Traceback", "  File "))
        elif in_traceback and line.startswith("    "):
            count += 1  # the source line a traceback quotes under each "File" line
        else:
            in_traceback = False
    return count / len(lines) if lines else 0.0


def refuse_non_story_markup(data: bytes) -> None:
    """:func:`refuse_non_story` for an HTML file (its tags taken out, one line per block)."""
    head = data[:200_000].decode("utf-8", errors="replace")
    refuse_non_story(_TAG.sub("\n", head))


def refuse_non_story(text: str) -> None:
    """Raise ImportRejected ("not-a-story") for a log, calibre's book details or a package document."""
    head = text[:20_000].lstrip("\ufeff \t\r\n")
    if _PACKAGE.search(head) and not _HTML.search(head):
        raise ImportRejected(
            CODE,
            "This is an e-book's package document (an .opf file, such as calibre's metadata.opf): it describes a "
            "book but holds none of its text. Import the book itself (the .epub).",
        )
    if len(set(_SAVED_METADATA.findall(text[:100_000]))) >= _SAVED_METADATA_NEEDED:
        raise ImportRejected(
            CODE,
            "This is FanFicFare's saved metadata for a book (its calibre column of details), not the book: there is "
            "no story text in it. Import the book itself (the .epub).",
        )
    lines = _lines(text)
    columns = [line.strip().casefold() for line in lines[:10]]
    if len(_REPORT_COLUMNS & set(columns)) >= _REPORT_COLUMNS_NEEDED and len(lines) < _REPORT_LINES:
        raise ImportRejected(
            CODE,
            "This looks like FanFicFare's report of downloads (status, title, author, error), not a story. If a "
            "download failed, try it again and import the file it makes.",
        )
    if len(lines) >= 3 and sum(1 for line in lines if _EBOOK_META.match(line)) >= max(3, len(lines) // 2):
        raise ImportRejected(
            CODE,
            "This is a list of a book's details (as calibre's ebook-meta prints them), not the book: there is no "
            "story text in it. Import the book itself (the .epub).",
        )
    if len(lines) >= 3 and _log_share(lines) >= 0.5:
        raise ImportRejected(
            CODE,
            "This looks like a program's log (such as FanFicFare's error output), not a story: most of its lines "
            "are log messages or an error trace. If a download failed, try it again and import the file it makes.",
        )
