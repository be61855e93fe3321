"""Parse plain-text story files (site page dumps, FanFicFare TXT, bare prose) into a ParsedWork.

Pure functions: no Django, no database. ``parse_text`` detects the layout and dispatches:

- ``fanficfare-txt``: FanFicFare's TXT output (see :mod:`.fanficfare`)
- ``ffnet-text``: a FanFiction.Net story page with its "Rated: ..." stat line (see :mod:`.ffnet`)
- ``inkitt-text``: an Inkitt story page with genre and "Age Rating:" lines (see :mod:`.inkitt`)
- ``plain-text``: anything else, imported as prose (see :mod:`.generic`)
"""

from __future__ import annotations

from scriptorium.transfer.decoding import normalise_newlines
from scriptorium.transfer.parsed import ImportRejected, ParsedWork
from scriptorium.transfer.plaintext import fanficfare, ffnet, generic, inkitt
from scriptorium.transfer.plaintext.common import finish

__all__ = ["detect_layout", "parse_text"]

_LAYOUTS = (
    (fanficfare.SOURCE_FORMAT, fanficfare),
    (ffnet.SOURCE_FORMAT, ffnet),
    (inkitt.SOURCE_FORMAT, inkitt),
)


def _lines(text: str) -> list[str]:
    # Split on \n only: str.splitlines() would also split on form feeds, U+2028 and other
    # characters that belong inside a paragraph.
    return normalise_newlines(text.removeprefix("\ufeff")).split("\n")


def detect_layout(text: str) -> str:
    """The ``source_format`` that :func:`parse_text` would give this text."""
    lines = _lines(text)
    for name, module in _LAYOUTS:
        if module.detect(lines):
            return name
    return generic.SOURCE_FORMAT


def parse_text(text: str, *, encoding: str = "utf-8") -> ParsedWork:
    """Parse a decoded plain-text story file.

    Raises :class:`ImportRejected` ("empty" for blank text, "no-prose" when there is a header but
    no story text). Values the file does not carry are left None/empty and reported in ``problems``.
    """
    if not text.strip():
        raise ImportRejected("empty", "The file contains only blank space, no text.")
    lines = _lines(text)
    work = ParsedWork(encoding=encoding)
    for _name, module in _LAYOUTS:
        if module.detect(lines):
            module.parse(lines, work)
            break
    else:
        generic.parse(lines, work)
    return finish(work)
