"""``READING_STYLESHEET``: the address of the reader's own stylesheet, or "" for the default style (most readers:
no extra request). The address carries the style's fingerprint, so a changed style is a new address that no browser
has cached; the guest page cache keys pages by the same style (``pagecache``), so guests with different styles never
share a page. ``READING_SPEED``: the reader's words a minute, for the reading times pages show (the page cache's
key holds it too, as part of the style)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from scriptorium.comfort.selectors import style_for


def reading_style(request: HttpRequest) -> dict[str, object]:
    def address() -> str:
        style = style_for(request)
        return "" if style.looks_default else f"{reverse('comfort:css')}?v={style.etag().strip(chr(34))}"

    return {
        "READING_STYLESHEET": SimpleLazyObject(address),
        # Words a minute for reading times (``{% load reading_times %}``), read only by pages that show them.
        "READING_SPEED": SimpleLazyObject(lambda: style_for(request).speed),
    }
