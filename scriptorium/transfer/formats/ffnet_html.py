"""FanFiction.Net chapter pages saved from a browser (the site's layouts since the late 2000s).

What is read, wherever the layout puts it::

    <div id="pre_story_links"> <a>Books</a> » <a>Harry Potter</a>       the fandom (the last link of the trail)
    <div id="profile_top"> <b>Title</b> By: <a href="/u/123/name">name</a>
        <div>summary</div>
        <span class="xgray">Rated: <a>Fiction T</a> - English - Romance/Drama - [A, B] C - Chapters: 3 -
            Words: 12,345 - … - Published: 3/29/2010 - Status: Complete - id: 1234567</span>
    <select id="chap_select"> <option selected>2. The Title</option> …   which chapter the page shows
    <div id="storytext"> the chapter's text </div>                         the only story text

Older pages put the same things in tables (a bold title, "Author:" and a link, the stat line after a rule) and
in script variables (``var title_t``, ``var summary``, ``var author``); both are read. The stat line goes through
the same reader as FanFiction.Net text (:mod:`..plaintext.ffnet`). Menus, reviews, share and follow buttons and
the footer are never read, so they never become story text.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from scriptorium.transfer.formats.common import heading_title
from scriptorium.transfer.formats.markup import chapter_from_blocks, element_text, flatten
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext.ffnet import _read_stat_line
from scriptorium.transfer.plaintext.fields import add_unique, split_people

SOURCE_FORMAT = "ffnet-html"
_STAT_START = re.compile(r"^\s*(?:Fiction\s+)?Rated:", re.IGNORECASE)
_STAT = re.compile(r"^\s*Rated:\s*(?:Fiction\s+)?(?:K\+?|T|M|MA)\s+-\s", re.IGNORECASE)
_BARE_STATUS = re.compile(r"\s-\s(Complete|In-Progress)(?=\s+-\s|\s*$)", re.IGNORECASE)
_STAT_END = re.compile(r"(id:\s*\d+).*$", re.IGNORECASE | re.DOTALL)
_USER_LINK = re.compile(r"(?:^|fanfiction\.net)/u/\d+", re.IGNORECASE)
_CATEGORY_LINK = re.compile(
    r"(?:^|fanfiction\.net)/(?:anime|book|cartoon|comic|game|misc|movie|play|tv)/[^/]+/?$"
    r"|(?:^|fanfiction\.net)/[^/]+-Crossovers/\d+/\d+/?$",
    re.IGNORECASE,
)
_SCRIPT_VAR = r"var\s+{name}\s*=\s*'((?:[^'\\]|\\.)*)'"
_TITLE_TAIL = re.compile(r"\s+Chapter\s+\d+.*$|,\s+an?\s+[^,]*\bfan\s?fic.*$", re.IGNORECASE)
_SHORT_DATE = re.compile(r"((?:Updated|Published):\s*)(\d{1,2})-(\d{1,2})-(\d{2})\b", re.IGNORECASE)
_CHAPTER_OPTION = re.compile(r"^\s*(\d+)\.\s*(.*)$")
_BLOCK_TAGS = frozenset({"div", "hr", "table", "p", "br", "script", "center", "form", "select", "span"})


def _story_text(root: etree._Element) -> etree._Element | None:
    return next((e for e in root.iter() if isinstance(e.tag, str) and e.get("id") == "storytext"), None)


def _stat_node(root: etree._Element) -> tuple[etree._Element, bool] | None:
    """The element whose text (``False``) or tail (``True``) opens the "Rated:" stat line."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if element.text and _STAT_START.match(element.text) and _STAT.match(_stat_line(element, False)):
            return element, False
        if element.tail and _STAT_START.match(element.tail) and _STAT.match(_stat_line(element, True)):
            return element, True
    return None


def _stat_line(node: etree._Element, in_tail: bool) -> str:
    """The stat line as one string, in the spelling the text reader knows ("Rated: T - … - id: 123"): older pages
    wrote "Fiction Rated: K+" inside the rating's link and a bare "Complete"."""
    parent = node.getparent()
    if not in_tail and node.tag == "a" and parent is not None and not (parent.text or "").strip():
        node = parent  # the line starts with the rating's link: the line is its parent's text
    if not in_tail:
        text = element_text(node)
    else:
        parts = [node.tail or ""]
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str) or sibling.tag in _BLOCK_TAGS:
                break
            parts.extend(["".join(sibling.itertext()), sibling.tail or ""])
        text = " ".join("".join(parts).split())
    text = re.sub(r"^\s*Fiction\s+Rated:", "Rated:", _STAT_END.sub(r"\1", text), flags=re.IGNORECASE)
    return _BARE_STATUS.sub(r" - Status: \1", text)


def is_ffnet_page(root: etree._Element) -> bool:
    """A saved FanFiction.Net chapter: its ``#storytext`` and the "Rated: …" stat line."""
    return _story_text(root) is not None and _stat_node(root) is not None


def _script_var(scripts: str, name: str) -> str:
    match = re.search(_SCRIPT_VAR.format(name=name), scripts)
    if not match:
        return ""
    try:
        value = codecs.decode(match.group(1), "unicode_escape")
    except UnicodeDecodeError:
        value = match.group(1).replace("\\'", "'")
    return " ".join(value.split())


def _profile(node: etree._Element) -> etree._Element:
    """The box around the stat line: ``#profile_top`` or the nearest ancestor holding a bold title."""
    for ancestor in node.iterancestors():
        if ancestor.get("id") == "profile_top" or any(element_text(b) for b in ancestor.iter("b")):
            return ancestor
    return node.getparent() if node.getparent() is not None else node


def _read_title_and_author(root: etree._Element, box: etree._Element, scripts: str, work: ParsedWork) -> None:
    bold = next((b for b in box.iter("b") if element_text(b)), None)
    title = _script_var(scripts, "title_t") or (element_text(bold) if bold is not None else "")
    if not title:
        page_title = next(root.iter("title"), None)
        title = _TITLE_TAIL.sub("", element_text(page_title)) if page_title is not None else ""
    work.title = title[:255] or None
    links = [a for a in box.iter("a") if _USER_LINK.search(a.get("href") or "") and element_text(a)]
    if not links:
        links = [a for a in root.iter("a") if _USER_LINK.search(a.get("href") or "") and element_text(a)]
    author = element_text(links[0]) if links else _script_var(scripts, "author")
    if author:
        work.creators = split_people(author) if not links else [author]


def _read_summary(node: etree._Element, in_tail: bool, scripts: str, work: ParsedWork) -> None:
    summary = _script_var(scripts, "summary")
    if not summary and not in_tail:
        previous = node.getprevious()
        while previous is not None and not (isinstance(previous.tag, str) and element_text(previous)):
            previous = previous.getprevious()
        if previous is not None and previous.tag == "div":
            summary = element_text(previous)
    work.summary = summary


def _read_fandom(root: etree._Element, scripts: str, work: ParsedWork) -> None:
    trail = next((e for e in root.iter() if isinstance(e.tag, str) and e.get("id") == "pre_story_links"), None)
    links = [a for a in (trail.iter("a") if trail is not None else ()) if element_text(a)]
    if not links:
        links = [a for a in root.iter("a") if _CATEGORY_LINK.search(a.get("href") or "") and element_text(a)]
    name = element_text(links[-1]) if links else _script_var(scripts, "cat_title")
    name = re.sub(r"\s+Crossover$", "", name, flags=re.IGNORECASE)
    add_unique(work.fandoms, [part.strip() for part in name.split(" + ") if part.strip()])


def _long_date(match: re.Match) -> str:
    """ "02-08-06" (month, day, two-digit year: older pages) -> "2/8/2006"."""
    year = int(match.group(4))
    return f"{match.group(1)}{int(match.group(2))}/{int(match.group(3))}/{1900 + year if year >= 90 else 2000 + year}"


def _chapter(root: etree._Element, scripts: str) -> tuple[int | None, str, int]:
    """Which chapter the page shows (its number and title) from the chapter menu, and how many it lists;
    (None, "", 0) without one."""
    for select in root.iter("select"):
        options = [o for o in select.iter("option") if _CHAPTER_OPTION.match(element_text(o))]
        if not options or not ("chap" in (select.get("id") or "") or select.get("name") == "chapter"):
            continue
        chosen = next((o for o in options if o.get("selected") is not None), None)
        number = re.search(r"var\s+chapter\s*=\s*(\d+)", scripts)
        if chosen is None and number:
            chosen = next((o for o in options if o.get("value") == number.group(1)), None)
        chosen = chosen if chosen is not None else options[0]
        match = _CHAPTER_OPTION.match(element_text(chosen))
        return int(match.group(1)), heading_title(match.group(2)), len(options)
    return None, "", 0


def _split_ampersands(work: ParsedWork) -> None:
    """Older pages join two characters with "&" ("Harry P. & Draco M."): two characters, not one."""
    characters: list[str] = []
    for name in work.characters:
        add_unique(characters, [part.strip() for part in re.split(r"\s+&\s+", name) if part.strip()])
    work.characters = characters


def read_metadata(root: etree._Element, work: ParsedWork) -> None:
    """Title, author, summary, fandom and the stat line: read before links are unwrapped."""
    work.source_format = SOURCE_FORMAT
    found = _stat_node(root)
    if found is None:
        return
    node, in_tail = found
    scripts = "\n".join(script.text or "" for script in root.iter("script"))
    _read_title_and_author(root, _profile(node), scripts, work)
    _read_summary(node, in_tail, scripts, work)
    _read_fandom(root, scripts, work)
    site_chapters = _read_stat_line(_SHORT_DATE.sub(_long_date, _stat_line(node, in_tail)), work)
    _split_ampersands(work)
    number, title, listed = _chapter(root, scripts)
    counted = re.search(r"var\s+chapters\s*=\s*(\d+)", scripts)
    site_chapters = site_chapters or listed or (int(counted.group(1)) if counted else 1)
    work.extras["Chapter"] = title
    if work.complete:
        work.expected_chapters = site_chapters
    if site_chapters > 1:
        work.add_problem(
            "chapters",
            f"The page holds chapter {number or 1} of the story's {site_chapters}; the other chapters are not in "
            "the file. Save each chapter's page, or download the story with FanFicFare, to import every chapter.",
            "doubtful",
        )


def read_chapters(root: etree._Element, work: ParsedWork) -> None:
    text = _story_text(root)
    title = work.extras.pop("Chapter", "")
    work.chapters = [chapter_from_blocks(title, flatten(text) if text is not None else [])]
