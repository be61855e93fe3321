"""Turning what writers type into stored HTML, and stored HTML back into plain text."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

from scriptorium.core.sanitize import ALLOWED_TAGS, sanitize_html

#: A tag the archive keeps (``<u>``, ``<img …>``, ``</em>``…) means the writer typed HTML; "a < b" does not.
_HTML_HINT = re.compile(r"</?(" + "|".join(sorted(ALLOWED_TAGS, key=len, reverse=True)) + r")(?=[\s/>])", re.I)
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n+")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text))


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """Plain paragraphs to ``<p>`` elements; a single newline inside a paragraph becomes ``<br />``."""
    out = []
    for paragraph in paragraphs:
        lines = [html_lib.escape(line.strip(), quote=False) for line in paragraph.strip().split("\n")]
        body = "<br />".join(line for line in lines)
        if body:
            out.append(f"<p>{body}</p>")
    return "\n".join(out)


def plain_to_html(text: str) -> str:
    """Plain text with blank lines between paragraphs to HTML paragraphs."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not normalized:
        return ""
    return paragraphs_to_html(_BLANK_LINES.split(normalized))


def user_text_to_html(text: str) -> str:
    """What a writer typed in a text box (HTML or plain text) to sanitized HTML, as AO3's editor does."""
    if not text or not text.strip():
        return ""
    if looks_like_html(text):
        # Writers mix HTML with blank-line paragraphs; keep their tags and their paragraphs.
        normalized = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if "<p" not in normalized.lower() and _BLANK_LINES.search(normalized):
            parts = _BLANK_LINES.split(normalized)
            normalized = "\n".join(f"<p>{part.strip().replace(chr(10), '<br />')}</p>" for part in parts)
        return sanitize_html(normalized)
    return sanitize_html(plain_to_html(text))


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "blockquote",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "tr",
            "pre",
            "dd",
            "dt",
            "figcaption",
            "table",
            "ul",
            "ol",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of stored HTML: paragraphs separated by blank lines, entities decoded."""
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_paragraphs(html: str) -> list[str]:
    return [p for p in html_to_text(html).split("\n\n") if p.strip()]
