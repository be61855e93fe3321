"""The one HTML allow-list for everything writers and readers type (chapter text, summaries, notes, comments).

nh3 (Ammonia) parses the HTML like a browser and keeps only the tags and attributes below: no script or
style, no event handlers, no iframes or embeds, and links only to http(s), mailto and relative URLs. No
``style`` or ``id`` attribute survives, and a ``class`` keeps only the text-styling classes of
:data:`USER_CLASSES` (which the stylesheet defines inside ``.userstuff``), so user text cannot dress itself up
as the site's own notices, messages or buttons.

:func:`sanitize_html` runs when text is saved. :func:`display_html` runs when it is shown (the ``user_html``
template filter): it applies the current allow-list to text stored under an older one, and, unless the
operator allows remote images (``SCRIPTORIUM_REMOTE_IMAGES``), turns each image that is not on this site into
a plain link showing its alt text, so a reader's browser never fetches it (no tracking pixels).
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a",
        "abbr",
        "acronym",
        "address",
        "b",
        "big",
        "blockquote",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
    }
)

#: The only classes user HTML may carry: text styling defined in the stylesheet inside ``.userstuff``. None of
#: them is a class of the site's own interface (notices, messages, buttons, navigation), so a fake notice looks
#: like what it is, the writer's text.
USER_CLASSES: frozenset[str] = frozenset(
    {
        "align-left",
        "align-center",
        "align-right",
        "align-justify",
        "dropcap",
        "small-caps",
        "indent",
        "scene-break",
        "monospace",
    }
)

_COMMON = {"class", "title", "dir", "lang"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": _COMMON,
    "a": {"href", "name"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type", "reversed"},
    "q": {"cite"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "p": {"align"},
    "div": {"align"},
}

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """Keep only the allowed classes of a ``class`` attribute (dropping it when none is left)."""
    if attribute != "class":
        return value
    kept = [name for name in value.split() if name in USER_CLASSES]
    return " ".join(dict.fromkeys(kept)) or None


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel="nofollow noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """Clean user HTML with the archive's allow-list. Safe to call twice (idempotent)."""
    if not html:
        return ""
    return _CLEANER.clean(html).strip()


# --- Showing stored HTML ------------------------------------------------------------------------------------

#: ``<a …>``, ``<img …>`` and ``</a>`` as :func:`sanitize_html` writes them: html5ever serializes every
#: attribute value in double quotes with ``&``, ``"``, ``<`` and ``>`` escaped, and escapes ``<`` in text, so
#: these patterns find exactly the tags (``<abbr>``, ``<address>`` and ``<acronym>`` do not match ``<a``).
_TAG = re.compile(r'<(a|img)((?:\s+[^\s"=<>/]+(?:="[^"]*")?)*)\s*/?>|</a>')
_ATTRIBUTE = re.compile(r'([^\s"=<>/]+)(?:="([^"]*)")?')
#: What a browser ignores in a URL: leading and trailing spaces and controls, tabs and newlines anywhere.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
#: Markers that text stored under an older allow-list may need cleaning again (see :func:`display_html`).
_RECHECK = ("<img", ' class="')


def remote_images_allowed() -> bool:
    """The operator's choice (``SCRIPTORIUM_REMOTE_IMAGES``): may readers' browsers load images from elsewhere?"""
    return bool(getattr(settings, "SCRIPTORIUM_REMOTE_IMAGES", False))


def display_policy() -> str:
    """A short name for how :func:`display_html` treats text now, for keys of caches that hold rendered HTML."""
    return "user-html:2:" + ("remote-images" if remote_images_allowed() else "local-images")


def _site_origin() -> tuple[str, str]:
    parts = urlsplit(getattr(settings, "SCRIPTORIUM_BASE_URL", ""))
    return parts.scheme.lower(), parts.netloc.lower()


def is_local_url(url: str) -> bool:
    """True when a browser would resolve ``url`` (an unescaped attribute value) to this site: a relative
    address, or an absolute one on ``SCRIPTORIUM_BASE_URL``'s scheme and host. ``//host/…``, ``/\\host/…``
    and ``" https://…"`` are elsewhere, as a browser reads them."""
    cleaned = _URL_IGNORED.sub("", url).strip(_C0_AND_SPACE).replace("\\", "/")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc and not cleaned.startswith("//"):
        return True
    return (parts.scheme.lower(), parts.netloc.lower()) == _site_origin()


def _attributes(source: str) -> dict[str, str]:
    return {name.lower(): html_lib.unescape(value or "") for name, value in _ATTRIBUTE.findall(source)}


def _image_as_link(attrs: dict[str, str], *, in_link: bool) -> str:
    src = attrs.get("src", "")
    alt = " ".join(attrs.get("alt", "").split())
    try:
        host = urlsplit(src).hostname or ""
    except ValueError:
        host = ""
    label = f"[Image: {alt}]" if alt else (f"[Image from {host}]" if host else "[Image]")
    if in_link or not src:
        # A link inside a link is not valid HTML (the browser would break the writer's link apart).
        return f'<span class="remote-image">{escape(label)}</span>'
    return f'<a class="remote-image" href="{escape(src)}" rel="nofollow noopener noreferrer">{escape(label)}</a>'


def images_as_links(html: str, *, keep_local: bool = True) -> str:
    """Each ``<img>`` of sanitized ``html`` not on this site (every one when ``keep_local`` is false) becomes a
    link to the image showing its alt text, so nothing loads it and nothing of the writer's is lost."""
    if "<img" not in html:
        return html
    out: list[str] = []
    last = 0
    in_link = False
    for match in _TAG.finditer(html):
        tag = match.group(1)
        if tag is None:
            in_link = False
            continue
        if tag == "a":
            in_link = True
            continue
        attrs = _attributes(match.group(2) or "")
        if keep_local and is_local_url(attrs.get("src", "")):
            continue
        out.append(html[last : match.start()])
        out.append(_image_as_link(attrs, in_link=in_link))
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def display_html(html: str) -> SafeString:
    """Stored (sanitized) user HTML as it is shown now: under the current allow-list, and with images from
    elsewhere as links unless the operator allows them.

    Text without a class or an image is returned as it is (the common case costs a substring search): the
    allow-list has only ever narrowed in classes, so such text is already clean, and text with images but no
    class needs only its images rewritten. The rest is remembered per process for texts up to
    :data:`_REMEMBERED_MAX` characters, so a chapter read again is not cleaned again.
    """
    if not html:
        return mark_safe("")
    has_class, has_image = ' class="' in html, "<img" in html
    if has_class or (has_image and not remote_images_allowed()):
        remote = remote_images_allowed()
        site = getattr(settings, "SCRIPTORIUM_BASE_URL", "")
        html = _shown(html, remote, site) if len(html) <= _REMEMBERED_MAX else _show(html, remote)
    return mark_safe(html)  # noqa: S308 (cleaned by the allow-list here or when it was saved)


#: The longest text whose shown form is remembered (about 15,000 words); 128 of them at most per process.
_REMEMBERED_MAX = 100_000


def _show(html: str, remote_images: bool) -> str:
    if ' class="' in html:
        html = sanitize_html(html)
    if not remote_images:
        html = images_as_links(html)
    return html


@functools.lru_cache(maxsize=128)
def _shown(html: str, remote_images: bool, site: str) -> str:
    """:func:`_show`, remembered; ``site`` (the base URL that decides what is local) is part of the key."""
    return _show(html, remote_images)
