"""The pages of an EPUB's spine: which are chapters, what they are called, FanFicFare's title page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from scriptorium.core.text import html_to_text
from scriptorium.transfer.formats.common import heading_title
from scriptorium.transfer.formats.epub_content import (
    LANDMARKS,
    Dropped,
    read_svg_text,
    replace_math,
    take_fanficfare_notes,
)
from scriptorium.transfer.formats.markup import (
    Block,
    body_of,
    chapter_from_blocks,
    chapter_level,
    clean_tree,
    element_text,
    flatten,
    html_to_plain,
    report_images,
    serialize,
    split_chapters,
)
from scriptorium.transfer.parsed import ImportRejected, ParsedChapter, ParsedWork
from scriptorium.transfer.plaintext.fields import split_people
from scriptorium.transfer.xmltree import remove_keep_tail

_FRONT_MATTER = re.compile(r"(cover|title_?page|titlepage|toc|contents|copyright|colophon|jacket|log_page|info)")
_FFF_EXTRA = re.compile(r"(title_page|toc_page|log_page|cover)")
_LABEL_LINE = re.compile(r"^(?P<label>[^:]{1,40}):\s*(?P<value>.*)$")
#: A front-matter page with at least this many words is kept as story text all the same.
_FRONT_MATTER_WORDS = 150
#: A page marked as front matter (``epub:type``) with fewer words than this is no chapter.
_TYPED_FRONT_MATTER_WORDS = 300
_FRONT_MATTER_TYPES = frozenset({"titlepage", "halftitlepage", "copyright-page", "cover", "toc", "colophon", "imprint"})
#: A page of notes longer than this is story text all the same.
_NOTES_WORDS = 3000
#: A page before the story with no more words than this, naming the title or "by …", is a byline page.
_BYLINE_WORDS = 40
_NOTES = re.compile(r"^(?:(?:the\s+)?(?:author'?s?'?\s+)?(?:end\s*)?notes?|endnotes|end_notes|afterword notes)\s*:?$")
_JUMP = re.compile(r"^\(see the (?:end|beginning) of the (?:work|chapter) for (?:more )?notes?\.?\)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?P<title>.+?)\s+by\s+(?P<creators>.+)$")


@dataclass
class Page:
    name: str
    root: etree._Element
    item_id: str = ""
    is_nav: bool = False

    def _names(self) -> str:
        return f"{self.name.rsplit('/', 1)[-1]} {self.item_id}".casefold()

    def is_title_page(self) -> bool:
        return "title_page" in self._names() or "titlepage" in self._names()

    def is_front_matter(self) -> bool:
        return bool(_FRONT_MATTER.search(self._names()))

    def structure(self) -> set[str]:
        """The EPUB 3 ``epub:type`` words of the page's body and its outer sections ("frontmatter", "titlepage")."""
        words: set[str] = set()
        body = body_of(self.root)
        for element in [body, *body.iterchildren()]:
            for key, value in element.attrib.items():
                if key == "type" or key.endswith("}type"):
                    words.update(value.casefold().split())
        return words

    def is_fanficfare_extra(self) -> bool:
        return bool(_FFF_EXTRA.search(self._names()))


#: Labels that title pages of fan-fiction tools carry (FanFicFare, FicHub, WebToEpub, AO3-to-EPUB scripts), in
#: lower case; a page with several of them on "Label: value" lines is a title page even without bold labels.
TITLE_PAGE_LABELS = frozenset(
    {
        "fandom",
        "fandoms",
        "category",
        "categories",
        "rating",
        "rated",
        "warning",
        "warnings",
        "archive warning",
        "archive warnings",
        "relationship",
        "relationships",
        "pairing",
        "pairings",
        "ships",
        "character",
        "characters",
        "tags",
        "additional tags",
        "freeform tags",
        "freeform",
        "genre",
        "genres",
        "language",
        "published",
        "updated",
        "completed",
        "status",
        "words",
        "word count",
        "chapters",
        "summary",
        "description",
        "series",
        "author",
        "authors",
        "by",
        "packaged",
        "publisher",
        "story url",
        "source",
        "collections",
        "kudos",
        "hits",
        "bookmarks",
        "comments",
        "title",
        "url",
        "ship",
    }
)
#: A page is a title page when this many known labels open its lines, after at most so many other lines.
_LABELS_NEEDED = 3
_LEAD_LINES = 4
#: Labels of the parts of a packed stat line (those of title pages, and FanFiction.Net's counts).
_STAT_LABELS = TITLE_PAGE_LABELS | {"reviews", "favs", "follows", "id", "rated"}
#: Labels whose value may run over several lines (counted apart when judging a title page).
_LONG_VALUES = frozenset({"summary", "description", "notes", "author's note"})


def read_title_page(root: etree._Element, *, plain_labels: bool = True) -> list[tuple[str, str]]:
    """The ``Label: value`` lines of a title page: FanFicFare's ``<b>Label:</b> value<br/>``, or (with
    ``plain_labels``) lines such as ``<p>Fandoms: …</p>`` opened by labels such tools use. A value may run on over
    several lines (a summary). Empty unless the page has a bold label or enough known ones."""
    body = body_of(root)
    bold = {element_text(b).rstrip(":").strip() for b in body.iter("b", "strong") if element_text(b).endswith(":")}
    text = html_to_text("".join(serialize(child) for child in body) or element_text(body))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    known = {
        match.group("label").strip()
        for line in lines
        if (match := _LABEL_LINE.match(line)) and match.group("label").strip().casefold() in TITLE_PAGE_LABELS
    }
    packed = {
        name.casefold()
        for line in lines
        if (match := _LABEL_LINE.match(line)) and match.group("label").strip() in known
        for name, _ in _split_composite(match.group("label"), match.group("value"))
    }
    labels = set(bold)
    if plain_labels and len(packed & TITLE_PAGE_LABELS) >= _LABELS_NEEDED and _mostly_labels(lines, known):
        labels |= known
    if not labels:
        return []
    entries: list[list[str]] = []
    for line in lines:
        match = _LABEL_LINE.match(line)
        if match and match.group("label").strip() in labels:
            entries.append([match.group("label").strip(), match.group("value")])
        elif entries and line:
            entries[-1][1] = f"{entries[-1][1]}\n\n{line}".strip()
    return [(name, part) for label, value in entries for name, part in _split_composite(label, value.strip()) if part]


def _split_composite(label: str, value: str) -> list[tuple[str, str]]:
    """A line packing several fields, "Rated: Fiction M - Language: English - Genre: Romance - Status: complete"
    (FicHub's copy of FanFiction.Net's stat line): one entry per labelled part. A value with " - " in it and no
    labelled part after ("Alternate Universe - No Powers") stays whole."""
    parts = re.split(r"\s+-\s+", value)
    if len(parts) < 2:
        return [(label, value)]
    found = [(label, parts[0])]
    for part in parts[1:]:
        match = _LABEL_LINE.match(part)
        if match and match.group("label").strip().casefold() in _STAT_LABELS:
            found.append((match.group("label").strip(), match.group("value").strip()))
        else:
            found[-1] = (found[-1][0], f"{found[-1][1]} - {part}")
    return found


def _mostly_labels(lines: list[str], labels: set[str]) -> bool:
    """A title page: at most a few lines (title, byline) before the first label, and most lines up to the summary
    are labels; a story page that quotes a few "Status: active" lines is neither."""
    counted = [line for line in lines if line]
    for index, line in enumerate(counted):
        match = _LABEL_LINE.match(line)
        if match and match.group("label").strip().casefold() in _LONG_VALUES:
            counted = counted[:index]
            break
    matches = [_LABEL_LINE.match(line) for line in counted]
    flags = [bool(match and match.group("label").strip() in labels) for match in matches]
    lead = flags.index(True) if True in flags else len(flags)
    return lead <= _LEAD_LINES and sum(flags) * 2 >= len(flags)


def title_page_byline(root: etree._Element) -> tuple[str, list[str]]:
    """The title and creators of a title page's first heading, "Title by Author" (FanFicFare and the like)."""
    heading = next(body_of(root).iter("h1", "h2", "h3"), None)
    if heading is None:
        return "", []
    match = _BYLINE.match(element_text(heading))
    if match is None:
        return "", []
    return match.group("title").strip(), split_people(match.group("creators"))


def _fanficfare_title(root: etree._Element) -> str:
    """``<meta name="chaptertitle">``, else the ``<h3 class="fff_chapter_title">`` (which leaves the text)."""
    meta = next((m for m in root.iter("meta") if (m.get("name") or "").casefold() == "chaptertitle"), None)
    title = " ".join((meta.get("content") or "").split()) if meta is not None else ""
    for heading in root.iter("h1", "h2", "h3"):
        if "fff_chapter_title" in (heading.get("class") or "").split():
            title = title or element_text(heading)
            heading.getparent().remove(heading)
            break
    return title


@dataclass
class _Read:
    title: str
    blocks: list[Block]
    images: int
    notes: dict[str, str]

    def words(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)


def _drop_landmarks(root: etree._Element) -> None:
    """AO3's "Work Text:" / "Chapter Text" labels (``h3.landmark``), which are no part of the story."""
    for heading in list(root.iter("h1", "h2", "h3", "h4")):
        classes = (heading.get("class") or "").split()
        if "landmark" in classes or element_text(heading).rstrip(":").casefold() in LANDMARKS:
            remove_keep_tail(heading)


def _page_chapter(page: Page, labels: dict[str, str], *, fanficfare: bool, dropped: Dropped) -> _Read:
    title = _fanficfare_title(page.root) if fanficfare else ""
    notes = take_fanficfare_notes(page.root) if fanficfare else {}
    _drop_landmarks(page.root)
    read_svg_text(page.root, dropped)
    replace_math(page.root, dropped)
    images = clean_tree(page.root)
    blocks = flatten(body_of(page.root))
    first = blocks[0] if blocks else None
    is_heading = first is not None and first.heading is not None and first.heading <= 3
    if first is not None and is_heading and (not title or first.text.casefold() == title.casefold()):
        title = title or first.text
        blocks = blocks[1:]
    if not title:
        title = labels.get(page.name.casefold(), "")
    return _Read(heading_title(title) if title else "", blocks, images, notes)


def _notes_kind(page: Page, read: _Read, labels: dict[str, str]) -> bool:
    """A page of the author's notes (AO3-to-EPUB tools give the work's notes and end notes pages of their own)."""
    names = {read.title, labels.get(page.name.casefold(), ""), page.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]}
    return any(_NOTES.match(" ".join(name.split()).casefold()) for name in names if name)


def _notes_text(blocks: list[Block]) -> str:
    kept = [block for block in blocks if not _JUMP.match(block.text)]
    return html_to_plain("".join(block.html for block in kept))


def _is_byline_page(read: _Read, work: ParsedWork) -> bool:
    """A short page before the story holding only the title and a "by …" line."""
    if read.words() > _BYLINE_WORDS or not read.blocks:
        return False
    title = (work.title or "").casefold()
    texts = [block.text.casefold() for block in read.blocks]
    return any(text == title or text.startswith("by ") for text in [read.title.casefold(), *texts] if text)


def _apply_notes(found: dict[str, str], chapter: ParsedChapter, work: ParsedWork) -> None:
    for key, text in found.items():
        if key in ("notes", "end_notes"):
            setattr(work, key, f"{getattr(work, key)}\n\n{text}".strip())
        else:
            setattr(chapter, key.removeprefix("chapter_"), text)


def fill_generic(
    pages: list[Page],
    labels: dict[str, str],
    work: ParsedWork,
    *,
    fanficfare: bool,
    skip: frozenset[str] = frozenset(),
    fan_fiction: bool = False,
    paginated: bool = False,
) -> None:
    """One chapter per spine page that holds story text (cover, title and contents pages are skipped).

    ``skip`` names pages already read (a title page of labels); with ``fan_fiction`` (a title page of labels or
    FanFicFare) pages of notes before and after the story are the work's notes and end notes, and a short page
    with only the title and byline is left out. A ``paginated`` (fixed-layout) book's pages are joined into the
    chapters its table of contents names."""
    chapters: list[tuple[_Read, list[Block]]] = []
    trailing: list[tuple[int, str]] = []
    images = left_out = pictures = 0
    dropped = Dropped()
    for page in pages:
        if page.is_nav or page.name in skip or (fanficfare and page.is_fanficfare_extra()):
            continue
        read = _page_chapter(page, labels, fanficfare=fanficfare, dropped=dropped)
        pictures += read.images
        words = read.words()
        if fan_fiction and _notes_kind(page, read, labels) and words <= _NOTES_WORDS:
            text = _notes_text(read.blocks)
            if text and not chapters:
                work.notes = f"{work.notes}\n\n{text}".strip()
            elif text:
                trailing.append((len(chapters), text))
            continue
        types = page.structure() & (_FRONT_MATTER_TYPES | ({"frontmatter"} if paginated else set()))
        typed_front = bool(types) and words < _TYPED_FRONT_MATTER_WORDS
        if not words:
            continue
        if typed_front or (page.is_front_matter() and words < _FRONT_MATTER_WORDS):
            left_out += 1
            continue
        if fan_fiction and not chapters and _is_byline_page(read, work):
            continue
        images += read.images
        if paginated and chapters and page.name.casefold() not in labels:
            chapters[-1][1].extend(read.blocks)  # a fixed-layout book: a page, not a chapter
            continue
        chapters.append((read, list(read.blocks)))
    if not chapters and pictures:
        raise ImportRejected(
            "no-prose",
            f"The EPUB holds no text, only {pictures} picture{'s' if pictures != 1 else ''} (a picture book or a "
            "comic?), so there is no story to import: pictures are not imported.",
        )
    parts = [(read.title, blocks) for read, blocks in chapters]
    if len(parts) == 1 and not fanficfare:
        # One page holding the whole story (a converted document): cut it at its own chapter headings.
        book_title, level, blocks = chapter_level(parts[0][1])
        cut = split_chapters(blocks, level)
        if len(cut) > 1:
            if book_title and work.title is None:
                work.title = book_title
            parts = cut
    report_images(work, images)
    dropped.report(work)
    if left_out:
        pages_word = "1 page" if left_out == 1 else f"{left_out} pages"
        work.add_problem(
            "chapters",
            f"{pages_word} of the book's front matter (cover, title page, contents, copyright) left out.",
            "info",
        )
    work.chapters = [chapter_from_blocks(title, blocks) for title, blocks in parts]
    if len(parts) == len(chapters):
        for (read, _), chapter in zip(chapters, work.chapters, strict=True):
            _apply_notes(read.notes, chapter, work)
    for after, text in trailing:
        if after >= len(work.chapters):
            work.end_notes = f"{work.end_notes}\n\n{text}".strip()
        else:
            chapter = work.chapters[after - 1]
            chapter.end_notes = f"{chapter.end_notes}\n\n{text}".strip()
