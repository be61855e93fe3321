"""AO3 work pages saved from a browser: the whole document or only its body, one chapter or the entire work.

Layout (written from the structure of AO3's work page)::

    <div id="outer"> <ul id="skiplinks">… <div id="header"> menus …       site chrome: never read
    <div id="main" class="works-show region">
      <ul class="work navigation actions"> Entire Work, Next Chapter, Download …
      <dl class="work meta group">
        <dt class="rating tags">Rating:</dt> <dd class="rating tags"><ul><li><a class="tag">…</a></li></ul></dd>
        …  warning, category ("Category:" or "Categories:"), fandom, relationship, character, freeform,
        <dt class="language">Language:</dt> <dd class="language">English</dd>
        <dt class="series">Series:</dt> <dd class="series"><span class="position">Part 3 of the
                                           <a>Name</a> series</span> …</dd>
        <dt class="stats">Stats:</dt> <dd class="stats"><dl class="stats"> published, status (Updated: or
                                         Completed:), words, chapters ("2/?"), kudos, hits …</dl></dd>
      </dl>
      <div id="workskin">
        <div class="preface group">
          <h2 class="title heading">Title</h2>  <h3 class="byline heading"><a rel="author">Pseud</a></h3>
          <div class="summary module"><h3>Summary:</h3><blockquote class="userstuff">…</blockquote></div>
          <div class="notes module"><h3>Notes:</h3> <ul class="associations">…</ul>
                                    <blockquote class="userstuff">…</blockquote> <p class="jump">…</p></div>
        </div>
        <div id="chapters">
          <div class="chapter" id="chapter-1">                      (a one-shot: the text straight in here)
            <div class="chapter preface group"><h3 class="title"><a>Chapter 1</a>: Title</h3>
              <div id="summary" class="summary module">…</div> <div id="notes" class="notes module">…</div></div>
            <div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3> text…</div>
            <div class="chapter preface group"><div class="end notes module">…</div></div>
          </div> …
        </div>
        <div class="afterword preface group"><div id="work_endnotes" class="end notes module">…</div> …</div>
      </div>
    </div>
    <div id="feedback"> kudos, comments, bookmark forms … <div id="footer"> …    site chrome: never read

Only the work's own parts are read, so navigation, menus, kudos, comments and the footer never become text.
A series page (``dl.series.meta`` and a list of work blurbs) holds no story and is refused with a reason.
"""

from __future__ import annotations

import re

from lxml import etree

from scriptorium.transfer.formats import ao3
from scriptorium.transfer.formats.common import heading_title
from scriptorium.transfer.formats.markup import chapter_from_blocks, element_text, flatten, html_to_plain, serialize
from scriptorium.transfer.parsed import ImportRejected, ParsedChapter, ParsedWork

SOURCE_FORMAT = "ao3-page"
_CHAPTER_ID = re.compile(r"^chapter-(\d+)$")
_POSITION = re.compile(r"Part\s+(\d+)\s+of", re.IGNORECASE)
_TOTAL = re.compile(r"^\s*(\d+)\s*/\s*(\d+|\?)\s*$")


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _find(root: etree._Element, tag: str | None = None, *, classes: tuple[str, ...] = (), id: str = ""):
    """The first element (of ``tag``) carrying every class in ``classes`` (and the ``id``), or None."""
    for element in root.iter(tag) if tag else root.iter():
        if not isinstance(element.tag, str):
            continue
        if id and element.get("id") != id:
            continue
        if set(classes) <= _classes(element):
            return element
    return None


def _work_meta(root: etree._Element) -> etree._Element | None:
    return _find(root, "dl", classes=("work", "meta"))


def is_ao3_page(root: etree._Element) -> bool:
    """A saved AO3 work page: its tag list (``dl.work.meta``) or its work skin with the work's title."""
    if _work_meta(root) is not None:
        return True
    skin = _find(root, id="workskin")
    return skin is not None and _find(skin, "h2", classes=("title",)) is not None


def is_ao3_listing(root: etree._Element) -> bool:
    """An AO3 series page (or another list of work blurbs) rather than a work."""
    if _find(root, id="workskin") is not None:
        return False
    return _find(root, "dl", classes=("series", "meta")) is not None or (
        _find(root, "li", classes=("work", "blurb")) is not None and _find(root, id="chapters") is None
    )


def is_adult_notice(root: etree._Element) -> bool:
    """AO3's "This work could have adult content" page, saved before the work was shown."""
    if _find(root, id="workskin") is not None:
        return False
    caution = _find(root, "p", classes=("caution",))
    return caution is not None and "adult content" in element_text(caution).casefold()


def refuse_adult_notice() -> None:
    raise ImportRejected(
        "not-a-story",
        "This is AO3's adult-content notice, saved before the work was shown: it holds no story text. "
        "Choose \u201cYes, Continue\u201d (or \u201cProceed\u201d) on AO3, then save the work's page again.",
    )


def refuse_listing(root: etree._Element) -> None:
    titles = []
    for blurb in root.iter("li"):
        if {"work", "blurb"} <= _classes(blurb):
            heading = next(blurb.iter("h4"), None)
            link = next(heading.iter("a"), None) if heading is not None else None
            if link is not None and element_text(link):
                titles.append(f"\u201c{element_text(link)}\u201d")
    listed = (
        f" It lists {len(titles)} works: {', '.join(titles[:5])}{'…' if len(titles) > 5 else ''}." if titles else ""
    )
    raise ImportRejected(
        "not-a-story",
        "This is an AO3 series or listing page, not a work: it holds no story text."
        f"{listed} Save each work's own page (or its HTML download) and import those.",
    )


def _read_meta(dl: etree._Element, work: ParsedWork) -> None:
    label = ""
    for child in dl:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "dt":
            label = element_text(child)
            continue
        if child.tag != "dd" or not label:
            continue
        kind = ao3.field_kind(label) or next((ao3.field_kind(c) for c in _classes(child) if ao3.field_kind(c)), "")
        if kind == "series":
            _read_series(child, work)
        elif kind == "stats":
            _read_stats(child, work)
        elif kind == "language":
            ao3.apply_tags("language", [element_text(child)], work, label)
        elif kind:
            tags = [element_text(a) for a in child.iter("a") if "tag" in _classes(a)]
            if not tags:
                tags = [element_text(li) for li in child.iter("li")] or [element_text(child)]
            ao3.apply_tags(kind, tags, work, label)
        else:
            work.extras[label.rstrip(":").strip()] = element_text(child)
        label = ""


def _read_series(dd: etree._Element, work: ParsedWork) -> None:
    """The first series the work belongs to: "Part 3 of the <a>Name</a> series" (the link is the name)."""
    place = next((span for span in dd.iter("span") if "position" in _classes(span)), None)
    scope = place if place is not None else dd
    link = next((a for a in scope.iter("a") if not (_classes(a) & {"previous", "next"})), None)
    position = _POSITION.search(element_text(scope))
    if link is None or not element_text(link):
        ao3.apply_tags("series", [element_text(scope)], work)
        return
    work.series_title = element_text(link)[:255]
    if position:
        work.series_position = int(position.group(1))


def _read_stats(dd: etree._Element, work: ParsedWork) -> None:
    inner = next((dl for dl in dd.iter("dl")), dd)
    label = ""
    for child in inner:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "dt":
            label = element_text(child).rstrip(":").strip()
        elif child.tag == "dd" and label:
            value = element_text(child)
            key = label.casefold()
            if key == "chapters":
                total = _TOTAL.match(value.replace(",", ""))
                if total:
                    posted, whole = int(total.group(1)), total.group(2)
                    work.complete = whole.isdigit() and posted >= int(whole)
                    work.expected_chapters = int(whole) if whole.isdigit() else None
                work.extras["Chapters"] = value
            elif key in ("published", "updated", "completed"):
                ao3.apply_tags("stats", [f"{label}: {value}"], work)
            else:
                work.extras[label] = value
            label = ""


def _blockquote_text(container: etree._Element | None) -> str:
    if container is None:
        return ""
    quote = next(container.iter("blockquote"), None)
    if quote is None:
        return ""
    return html_to_plain("".join(serialize(child) for child in quote) or element_text(quote))


def _module(scope: etree._Element, name: str, *, end: bool = False) -> etree._Element | None:
    """The ``div.<name>.module`` in ``scope`` (``end``: the end notes, else never the end notes)."""
    for element in scope.iter("div"):
        classes = _classes(element)
        if name in classes and "module" in classes and (("end" in classes) == end):
            return element
    return None


def _read_preface(root: etree._Element, work: ParsedWork) -> None:
    skin = _find(root, id="workskin")
    scope = skin if skin is not None else root
    preface = next(
        (
            e
            for e in scope.iter("div")
            if {"preface", "group"} <= _classes(e) and not (_classes(e) & {"chapter", "afterword"})
        ),
        scope,
    )
    title = _find(preface, "h2", classes=("title",))
    if title is not None and element_text(title):
        work.title = element_text(title)[:255]
    byline = next((e for e in preface.iter("h3") if "byline" in _classes(e)), None)
    if byline is not None:
        names = [
            element_text(a) for a in byline.iter("a") if a.get("rel") == "author" or "/users/" in (a.get("href") or "")
        ]
        names = [name for name in names if name]
        if not names and element_text(byline):
            names = [element_text(byline)]  # "Anonymous", or an orphaned work
        work.creators = names
    work.summary = _blockquote_text(_module(preface, "summary"))
    notes = _module(preface, "notes")
    work.notes = _blockquote_text(notes)
    if notes is not None:
        associations = next((ul for ul in notes.iter("ul") if "associations" in _classes(ul)), None)
        if associations is not None and element_text(associations):
            work.extras["Associations"] = element_text(associations)
    ending = _find(scope, id="work_endnotes")
    if ending is None:
        afterword = next((e for e in scope.iter("div") if "afterword" in _classes(e)), None)
        ending = _module(afterword, "notes", end=True) if afterword is not None else None
    work.end_notes = _blockquote_text(ending)


def _chapter_text(container: etree._Element) -> etree._Element:
    """The chapter's text with AO3's hidden "Chapter Text" / "Work Text:" headings taken out."""
    for element in list(container.iter()):
        if isinstance(element.tag, str) and "landmark" in _classes(element) and element is not container:
            parent = element.getparent()
            if parent is not None:
                tail = element.tail
                parent.remove(element)
                if tail and tail.strip():
                    parent.text = (parent.text or "") + tail
    return container


def _text_of(scope: etree._Element) -> etree._Element | None:
    for element in scope.iter("div"):
        nested = any("userstuff" in _classes(a) for a in element.iterancestors())
        if "userstuff" in _classes(element) and not nested:
            return element
    return None


def _chapter_title(heading: etree._Element) -> str:
    """ "<a>Chapter 3</a>: The Bridge" -> "The Bridge" (exactly as written, even "Chapter 1"); no title -> ""."""
    link = next((a for a in heading if isinstance(a.tag, str) and a.tag == "a"), None)
    if link is None:
        return heading_title(element_text(heading))
    after = "".join([link.tail or "", *("".join(e.itertext()) + (e.tail or "") for e in link.itersiblings())])
    return " ".join(after.split()).removeprefix(":").strip()[:255]


def _read_chapter(node: etree._Element) -> ParsedChapter:
    head = next(
        (
            e
            for e in node
            if isinstance(e.tag, str)
            and {"chapter", "preface"} <= _classes(e)
            and _module(e, "notes", end=True) is None
        ),
        None,
    )
    title = ""
    summary = notes = end_notes = ""
    if head is not None:
        heading = next((h for h in head.iter("h3") if "title" in _classes(h)), None)
        if heading is not None:
            title = _chapter_title(heading)
        summary = _blockquote_text(_module(head, "summary"))
        notes = _blockquote_text(_module(head, "notes"))
    ending = _module(node, "notes", end=True)
    if ending is not None:
        end_notes = _blockquote_text(ending)
    text = _text_of(node)
    blocks = flatten(_chapter_text(text)) if text is not None else []
    chapter = chapter_from_blocks(title, blocks)
    chapter.summary, chapter.notes, chapter.end_notes = summary, notes, end_notes
    return chapter


def read_metadata(root: etree._Element, work: ParsedWork) -> None:
    """The tag list, title, creators, summary and notes: read before links are unwrapped (each tag, the series
    and each creator is its own link)."""
    work.source_format = work.source_format or SOURCE_FORMAT
    meta = _work_meta(root)
    if meta is not None:
        _read_meta(meta, work)
    _read_preface(root, work)


def read_chapters(root: etree._Element, work: ParsedWork) -> None:
    """Each chapter the page holds (the entire work, or the one chapter a chapter's page shows)."""
    chapters_root = _find(root, id="chapters")
    if chapters_root is None:
        return
    nodes = [e for e in chapters_root if isinstance(e.tag, str) and _CHAPTER_ID.match(e.get("id") or "")]
    if nodes:
        work.chapters = [_read_chapter(node) for node in nodes]
    else:
        text = _text_of(chapters_root)
        text = chapters_root if text is None else text
        work.chapters = [chapter_from_blocks("", flatten(_chapter_text(text)))]
    _report_missing(nodes, work)


def _report_missing(nodes: list[etree._Element], work: ParsedWork) -> None:
    """A page showing one chapter of several: say which, and that the others are not in the file."""
    posted = work.extras.get("Chapters", "").split("/")[0].replace(",", "").strip()
    if not posted.isdigit() or int(posted) <= len(nodes) or not nodes:
        return
    numbers = [int(_CHAPTER_ID.match(node.get("id") or "").group(1)) for node in nodes]
    shown = ", ".join(str(n) for n in numbers)
    work.add_problem(
        "chapters",
        f"The page shows chapter {shown} of the {posted} posted; the other chapters are not in the file. "
        "Save the work's \u201cEntire Work\u201d page (or its HTML download) to import every chapter.",
        "doubtful",
    )
