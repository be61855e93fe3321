"""Stored (sanitized) HTML to XHTML that EPUBCheck accepts without an error or a warning.

The sanitizer keeps what writers type, including HTML that browsers render but an EPUB may not contain:
obsolete elements (``center``, ``big``, ``tt``, ``acronym``, ``strike``), obsolete attributes (``align``,
``width``, ``name``), block elements inside phrasing ones (``<b><p>…</p></b>`` parses that way), loose text in
lists, remote images, and links that lead nowhere inside the book. :func:`to_xhtml` rewrites each of those into
the nearest valid form without losing any words, and serializes well-formed XML (no ``&nbsp;``, every element
closed). User classes are dropped: in a book only our stylesheet's classes mean anything.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from scriptorium.transfer.xmltree import remove_keep_tail, unwrap

#: Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE and U+FFFF).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_INTEGER = re.compile(r"^-?\d{1,6}$")

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that are not phrasing content (they may not stand inside a paragraph, a heading or a span).
_BLOCKS = frozenset(
    {
        "address",
        "blockquote",
        "caption",
        "col",
        "colgroup",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
    | _HEADINGS
)
#: Elements whose content must be phrasing content.
_PHRASING_CONTAINERS = frozenset({"p", "pre", "dt", "summary", "caption"} | _HEADINGS)
#: Phrasing elements that take phrasing content only (``a``, ``ins`` and ``del`` are transparent instead).
_INLINE = frozenset(
    {
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "u",
        "var",
        "rt",
        "rp",
    }
)
_VOID = frozenset({"br", "hr", "img", "col", "wbr"})
_TRANSPARENT = frozenset({"a", "ins", "del"})
_RENAMED = {
    "center": ("div", "x-center"),
    "big": ("span", "x-big"),
    "tt": ("span", "x-tt"),
    "acronym": ("abbr", ""),
    "strike": ("s", ""),
    "image": ("img", ""),
}
_ALIGN = frozenset({"left", "right", "center", "justify"})
_TABLE_PARTS = {
    "table": frozenset({"caption", "colgroup", "thead", "tbody", "tfoot", "tr"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
    "colgroup": frozenset({"col"}),
}


def clean_text(text: str) -> str:
    """``text`` without the characters XML cannot carry."""
    return _INVALID_XML.sub("", text)


def _safe_url(url: str) -> bool:
    if not url or any(ch.isspace() for ch in url) or any(ch in url for ch in '<>"{}|\\^`'):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme == "mailto":
        return bool(parts.path)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _add_class(element: etree._Element, name: str) -> None:
    if name:
        classes = (element.get("class") or "").split()
        element.set("class", " ".join([*classes, name]) if name not in classes else " ".join(classes))


def _clean_attributes(element: etree._Element, tag: str) -> None:
    attrs = dict(element.attrib)
    element.attrib.clear()
    ours = [c for c in attrs.get("class", "").split() if c.startswith(("x-", "align-"))]
    if ours:
        element.set("class", " ".join(ours))
    for name in ("title",):
        if attrs.get(name):
            element.set(name, clean_text(attrs[name]))
    if attrs.get("dir", "").lower() in ("ltr", "rtl", "auto"):
        element.set("dir", attrs["dir"].lower())
    lang = attrs.get("lang", "").strip()
    if lang and _LANGUAGE_TAG.match(lang):
        element.set("lang", lang)
        element.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    align = attrs.get("align", "").lower()
    if tag in ("p", "div", "td", "th") and align in _ALIGN:
        _add_class(element, f"align-{align}")
    if tag == "a":
        element.set("href", attrs.get("href", ""))
    elif tag in ("blockquote", "q") and _safe_url(attrs.get("cite", "")):
        element.set("cite", attrs["cite"])
    elif tag == "ol":
        if _INTEGER.match(attrs.get("start", "")):
            element.set("start", attrs["start"])
        if attrs.get("type") in ("1", "a", "A", "i", "I"):
            element.set("type", attrs["type"])
        if "reversed" in attrs:
            element.set("reversed", "reversed")
    elif tag in ("td", "th"):
        for name, low in (("colspan", 1), ("rowspan", 0)):
            value = attrs.get(name, "")
            if value.isdigit() and low <= int(value) <= 1000:
                element.set(name, str(int(value)))
        if tag == "th" and attrs.get("scope") in ("row", "col", "rowgroup", "colgroup"):
            element.set("scope", attrs["scope"])
    elif tag in ("col", "colgroup"):
        value = attrs.get("span", "")
        if value.isdigit() and 1 <= int(value) <= 1000:
            element.set("span", str(int(value)))
    elif tag == "img":
        element.set("src", attrs.get("src", ""))
        element.set("alt", clean_text(attrs.get("alt", "")))
        for name in ("width", "height"):
            if attrs.get(name, "").isdigit():
                element.set(name, attrs[name])


def _has_block(element: etree._Element) -> bool:
    return any(_tag(e) in _BLOCKS or _tag(e) in ("center",) for e in element.iterdescendants())


def _wrap_runs(parent: etree._Element, allowed: frozenset[str], wrapper: str) -> None:
    """Put loose text and disallowed children of ``parent`` (a list) into ``wrapper`` elements."""
    nodes: list[etree._Element | str] = []
    if parent.text and parent.text.strip():
        nodes.append(parent.text)
    parent.text = None
    for child in list(parent):
        parent.remove(child)
        tail, child.tail = child.tail, None
        nodes.append(child)
        if tail and tail.strip():
            nodes.append(tail)
    current: etree._Element | None = None
    for node in nodes:
        if isinstance(node, etree._Element) and _tag(node) in allowed:
            parent.append(node)
            current = None
            continue
        if current is None:
            current = etree.SubElement(parent, wrapper)
        if isinstance(node, str):
            if len(current):
                current[-1].tail = (current[-1].tail or "") + node
            else:
                current.text = (current.text or "") + node
        else:
            current.append(node)


def _valid_dl(element: etree._Element) -> bool:
    """``(dt+ dd+)*`` with nothing else but white space."""
    if element.text and element.text.strip():
        return False
    sequence = ""
    for child in element:
        if child.tail and child.tail.strip():
            return False
        tag = _tag(child)
        if tag not in ("dt", "dd"):
            return False
        sequence += "t" if tag == "dt" else "d"
    return re.fullmatch(r"(t+d+)*", sequence) is not None


_TABLE_ORDER = {"caption": 0, "colgroup": 1, "thead": 2, "tbody": 3, "tr": 3, "tfoot": 4}


def _valid_table_order(table: etree._Element) -> bool:
    """caption?, colgroup*, thead?, (tbody* | tr+), tfoot? — in that order."""
    tags = [_tag(child) for child in table]
    ranks = [_TABLE_ORDER.get(tag, 9) for tag in tags]
    once = all(tags.count(tag) <= 1 for tag in ("caption", "thead", "tfoot"))
    return ranks == sorted(ranks) and once and not ("tbody" in tags and "tr" in tags)


def _valid_table(element: etree._Element) -> bool:
    if not all(_valid_table_order(table) for table in element.iter("table")):
        return False
    for part in element.iter():
        tag = _tag(part)
        allowed = _TABLE_PARTS.get(tag)
        if allowed is None:
            continue
        if part.text and part.text.strip():
            return False
        for child in part:
            if _tag(child) not in allowed or (child.tail and child.tail.strip()):
                return False
    return True


def _demote(element: etree._Element, name: str) -> None:
    """Rename a structural element that cannot stay where it is, keeping a class for the stylesheet."""
    _add_class(element, f"x-{_tag(element)}")
    element.tag = name


def _structure(element: etree._Element, tag: str) -> None:
    """Fix the content model of lists, definition lists, tables, details, figures and ruby."""
    if tag in ("ul", "ol"):
        _wrap_runs(element, frozenset({"li"}), "li")
    elif tag == "dl" and not _valid_dl(element):
        _demote(element, "div")
        for child in element:
            if _tag(child) in ("dt", "dd"):
                _demote(child, "div")
    elif tag == "table" and not _valid_table(element):
        for part in list(element.iter()):
            part_tag = _tag(part)
            if part_tag in ("col", "colgroup"):
                remove_keep_tail(part)
            elif part_tag in ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"):
                _demote(part, "div")
    elif tag == "details":
        first = element[0] if len(element) else None
        if first is None or _tag(first) != "summary" or (element.text and element.text.strip()):
            _demote(element, "div")
    elif tag == "ruby" and not any(_tag(child) == "rt" for child in element):
        element.tag = "span"


def _fix(element: etree._Element, phrasing: bool, *, keep_images: bool) -> None:
    """Walk ``element``'s children: rename, clean attributes and repair nesting. ``phrasing``: the children
    must be phrasing content."""
    for child in list(element):
        tag = _tag(child)
        if not tag:
            remove_keep_tail(child)  # comments and processing instructions
            continue
        if tag in _RENAMED:
            new, css = _RENAMED[tag]
            child.tag = tag = new
            _clean_attributes(child, tag)
            _add_class(child, css)
        else:
            _clean_attributes(child, tag)
        if tag == "img":
            if not keep_images or not _safe_url(child.get("src", "")):
                remove_keep_tail(child)
            continue
        if tag == "a" and not _safe_url(child.get("href", "")):
            unwrap(child)
            continue
        if tag == "a":
            child.set("rel", "nofollow noopener noreferrer")
        parent_tag = _tag(element)
        misplaced = (
            (tag == "li" and parent_tag not in ("ul", "ol"))
            or (tag in ("dt", "dd") and parent_tag != "dl")
            or (tag == "summary" and not (parent_tag == "details" and element.index(child) == 0))
            or (tag == "figcaption" and not (parent_tag == "figure" and element.index(child) in (0, len(element) - 1)))
        )
        if misplaced:
            _demote(child, "div")
            tag = "div"
        if tag in ("rt", "rp") and parent_tag != "ruby":
            child.tag = tag = "span"
        elif tag in ("thead", "tbody", "tfoot", "tr", "td", "th", "caption", "col", "colgroup") and not any(
            _tag(a) == "table" for a in child.iterancestors()
        ):
            _demote(child, "div" if tag not in ("col", "colgroup") else "span")
            tag = _tag(child)
        if tag in ("address",):
            _demote(child, "div")
            tag = "div"
        _structure(child, tag)
        tag = _tag(child)
        if phrasing and (tag in _BLOCKS):
            # A block where only phrasing content may stand: it becomes a span, and a line break keeps its
            # words apart from what follows.
            if tag == "hr":
                child.tag = "br"
                child.attrib.clear()
                continue
            _demote(child, "span")
            if child.getnext() is not None or (child.tail and child.tail.strip()):
                br = etree.Element("br")
                br.tail, child.tail = child.tail, None
                child.addnext(br)
            _fix(child, True, keep_images=keep_images)
            continue
        if not phrasing and tag in _INLINE and _has_block(child):
            _demote(child, "div")
            _fix(child, False, keep_images=keep_images)
            continue
        if tag in ("th",) and any(_tag(e) in _HEADINGS for e in child.iterdescendants()):
            for heading in [e for e in child.iterdescendants() if _tag(e) in _HEADINGS]:
                _demote(heading, "p")
        if tag in _TRANSPARENT:
            _fix(child, phrasing, keep_images=keep_images)
        elif tag in _INLINE or tag in _PHRASING_CONTAINERS:
            _fix(child, True, keep_images=keep_images)
        else:
            _fix(child, phrasing, keep_images=keep_images)


def _level_headings(root: etree._Element, base: int) -> None:
    """The writer's headings nest under the page's own: the highest becomes ``h{base}`` and none skips a level
    (an h1 then an h6 become h3 then h4), so the outline stays valid; an empty heading becomes a paragraph."""
    headings = []
    for heading in [e for e in root.iter() if _tag(e) in _HEADINGS]:
        if "".join(heading.itertext()).strip() or any(_tag(e) == "img" for e in heading.iter()):
            headings.append(heading)
        else:
            _demote(heading, "p")
    if not headings:
        return
    highest = min(int(_tag(h)[1]) for h in headings)
    previous = base - 1
    for heading in headings:
        level = min(6, previous + 1, max(base, int(_tag(heading)[1]) - highest + base))
        heading.tag = f"h{level}"
        previous = level


def to_xhtml(fragment: str, *, keep_images: bool = False, heading_base: int = 3) -> str:
    """A sanitized HTML fragment as well-formed, valid XHTML (no namespace; the page gives it one). The
    fragment's headings start at ``h{heading_base}`` (below the chapter's h2 by default)."""
    fragment = clean_text(fragment or "").strip()
    if not fragment:
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except etree.ParserError:
        return ""
    _fix(root, False, keep_images=keep_images)
    _level_headings(root, heading_base)
    for element in root.iter():
        # <span></span>, never <span/>: the same markup then reads the same as XML and as HTML.
        if element.text is None and not len(element) and _tag(element) not in _VOID:
            element.text = ""
    parts = [_escape(root.text or "")]
    parts.extend(etree.tostring(child, method="xml", encoding="unicode", with_tail=True) for child in root)
    return "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape(text: str) -> str:
    """Plain text for XHTML text and attribute values."""
    return clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
