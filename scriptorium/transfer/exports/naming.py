"""File names for downloads: readable ones from the title and creators, with a plain-ASCII fallback."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9 ._(),'&!+=@$-]+")
_MAX = 150


def _shorten(text: str, limit: int = _MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(" .,-") or text[:limit]


def basename(title: str, creators: list[str]) -> str:
    """ "A Quiet Evening - writer0, Pen Name": the title and creators, without characters file systems refuse."""
    name = title if not creators else f"{title} - {', '.join(creators)}"
    return _shorten(_UNSAFE.sub(" ", name)).strip(" .") or "work"


#: Letters that do not decompose into ASCII ones.
_LETTERS = str.maketrans(
    {
        "Æ": "AE",
        "æ": "ae",
        "Ø": "O",
        "ø": "o",
        "ß": "ss",
        "Œ": "OE",
        "œ": "oe",
        "Đ": "D",
        "đ": "d",
        "Ł": "L",
        "ł": "l",
        "Þ": "Th",
        "þ": "th",
        "ı": "i",
        "–": "-",
        "—": "-",
        "‘": "'",
        "’": "'",
        "“": "'",
        "”": "'",
    }
)


def ascii_name(name: str, fallback: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS)).encode("ascii", "ignore").decode("ascii")
    cleaned = _shorten(_ASCII_UNSAFE.sub(" ", decomposed)).strip(" .")
    return cleaned if re.search(r"[A-Za-z0-9]", cleaned) else fallback


def ascii_basename(title: str, creators: list[str], *, fallback: str) -> str:
    """:func:`basename` in ASCII, title and creators each on their own: a title with no Latin letter or digit left
    is ``fallback`` ("红楼梦 - writer" -> "work-7 - writer", never "- writer"); a creator with none is left out."""
    names = [name for name in (ascii_name(_UNSAFE.sub(" ", creator), "") for creator in creators) if name]
    return basename(ascii_name(_UNSAFE.sub(" ", title), fallback), names)


def content_disposition(title: str, creators: list[str], extension: str, *, fallback: str) -> str:
    """``attachment`` with the file name in full, Unicode letters kept, as ``filename*`` (RFC 6266/5987: every
    browser reads it), and in ASCII as ``filename`` for clients that read only that one."""
    full = f"{basename(title, creators)}.{extension}"
    plain = f"{ascii_basename(title, creators, fallback=fallback)}.{extension}"
    header = f'attachment; filename="{plain}"'
    if full != plain:
        header += f"; filename*=UTF-8''{quote(full, safe='')}"
    return header


def url_slug(title: str) -> str:
    """AO3-style "A_Quiet_Evening" for download links (ASCII; "work" when nothing is left)."""
    slug = ascii_name(title, "work")
    slug = re.sub(r"[^A-Za-z0-9]+", "_", slug).strip("_")
    return slug[:80].rstrip("_") or "work"
