"""The front pages of a fan-fiction EPUB that describe the work rather than tell it: a title page of
"Label: value" lines (FanFicFare, FicHub, WebToEpub, AO3-to-EPUB scripts) and FanFiction.Net's own story box
(WebToEpub's information page). :mod:`.epub` reads them into the work and leaves them out of the chapters."""

from __future__ import annotations

import html as html_lib
import re

from scriptorium.tags.vocabulary import RATINGS
from scriptorium.transfer.formats import ffnet_html
from scriptorium.transfer.formats.common import apply_label
from scriptorium.transfer.formats.epub_pages import TITLE_PAGE_LABELS, Page, read_title_page, title_page_byline
from scriptorium.transfer.formats.markup import body_of, element_text
from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext.fields import add_unique

FANFICFARE_FORMAT = "fanficfare-epub"
#: An EPUB holding FanFiction.Net's own story box on an information page (WebToEpub).
FFNET_FORMAT = "ffnet-epub"
#: An EPUB whose title page carries "Label: value" lines (FicHub, WebToEpub, AO3-to-EPUB scripts).
LABELLED_FORMAT = "labelled-epub"
#: Known labels a page that is not named as the title page needs to be read as one.
_LABELS_NEEDED = 3

#: FanFicFare's bookkeeping subjects ("Last Update: 2019/06/09", "Last Update Year/Month: 2019/06") and the
#: like: a label that is no tag's, then a value.
BOOKKEEPING = re.compile(
    r"^(?:last\s+update(?:\s+year/month)?|status|words?|word\s+count|chapters|packaged|published|updated|"
    r"rating|language|kudos|hits|comments|bookmarks)\s*:",
    re.IGNORECASE,
)


def ffnet_info_page(pages: list[Page]) -> Page | None:
    """A page holding FanFiction.Net's own story box (``div#profile_top`` and its "Rated:" line), as WebToEpub
    copies it into its information page."""
    for page in [p for p in pages if not p.is_nav][:4]:
        box = next((e for e in page.root.iter() if isinstance(e.tag, str) and e.get("id") == "profile_top"), None)
        if box is not None and "Rated:" in element_text(box):
            return page
    return None


def read_ffnet_info(page: Page, work: ParsedWork) -> None:
    """The story box read by the FanFiction.Net page reader; the book holds every chapter, so its note that a
    page holds one chapter of several does not apply."""
    title, creators = work.title, list(work.creators)
    ffnet_html.read_metadata(page.root, work)
    work.source_format = FFNET_FORMAT
    work.title = work.title or title
    work.creators = work.creators or creators
    work.extras.pop("Chapter", None)
    work.problems = [p for p in work.problems if not p.message.startswith("The page holds chapter")]


def label_page(pages: list[Page]) -> tuple[Page | None, list[tuple[str, str]]]:
    """The title page carrying "Label: value" lines: the one named so, else one of the first pages."""
    named = [page for page in pages if page.is_title_page() and not page.is_nav]
    leading = [page for page in pages if not page.is_nav][:4]
    for page in [*named, *[p for p in leading if p not in named]]:
        entries = read_title_page(page.root)
        # A page of labels is a title page when the story is on other pages, never the story's only page.
        story_after = any(element_text(body_of(p.root)) for p in pages[pages.index(page) + 1 :] if not p.is_nav)
        known = sum(1 for label, _ in entries if label.casefold() in TITLE_PAGE_LABELS)
        if entries and (page in named or (story_after and known >= _LABELS_NEEDED)):
            return page, entries
    return None, []


def read_label_page(page: Page | None, entries: list[tuple[str, str]], work: ParsedWork, *, fanficfare: bool) -> None:
    """Fill ``work`` from the title page's labels (and its "Title by Author" heading when the package lacks them).

    A stated status ("In-Progress") wins over what the chapter count suggests."""
    work.source_format = FANFICFARE_FORMAT if fanficfare or _has_bold_labels(page) else LABELLED_FORMAT
    status = None
    for label, value in entries:
        apply_label(label, value, work)
        if label.casefold() == "status":
            status = work.complete
    if status is not None:
        work.complete = status
    if page is not None:
        title, creators = title_page_byline(page.root)
        if title and work.title is None:
            work.title = title[:255]
        if creators and not work.creators:
            work.creators = creators


def _has_bold_labels(page: Page | None) -> bool:
    return page is not None and bool(read_title_page(page.root, plain_labels=False))


def unescaped(subjects: list[str]) -> list[str]:
    """FanFicFare escapes its subjects twice ("Gaiman &amp;amp; Pratchett"): decode what is left, once."""
    return [html_lib.unescape(subject) if "&" in subject else subject for subject in subjects]


def anthology_pages(pages: list[Page]) -> list[Page]:
    """The title pages of the stories an anthology bundles (FanFicFare's EpubMerge: one title page per story);
    empty for a book of one story."""
    named = [page for page in pages if page.is_title_page() and not page.is_nav and read_title_page(page.root)]
    return named if len(named) >= 2 else []


def read_anthology(title_pages: list[Page], work: ParsedWork) -> None:
    """Every bundled story's labels, read into the one work: the tags of all of them, the most restrictive rating,
    complete only when every story is, the earliest publication and the latest update; the book's own title and
    summary stay. The person importing is told that the stories arrive as one work."""
    title, summary, creators = work.title, work.summary, list(work.creators)
    ratings: list[str] = []
    statuses: list[bool | None] = []
    published, updated = [], []
    titles: list[str] = []
    for page in title_pages:
        story = ParsedWork()
        read_label_page(page, read_title_page(page.root), story, fanficfare=True)
        for name in ("fandoms", "relationships", "characters", "additional_tags", "categories", "warnings"):
            add_unique(getattr(work, name), getattr(story, name))
        ratings += [story.rating] if story.rating else []
        statuses.append(story.complete)
        published += [story.published] if story.published else []
        updated += [story.updated or story.published] if story.updated or story.published else []
        titles.append(story.title or title_page_byline(page.root)[0] or "Untitled")
        add_unique(creators, story.creators)
        work.language = work.language or story.language
    work.source_format = FANFICFARE_FORMAT
    work.title, work.summary, work.creators = title or titles[0], summary, creators
    if ratings:
        work.rating = max(ratings, key=RATINGS.index)
    work.complete = all(statuses) if all(status is not None for status in statuses) else None
    work.published = min(published) if published else work.published
    work.updated = max(updated) if updated else work.updated
    listed = ", ".join(f"\u201c{name}\u201d" for name in titles)
    work.add_problem(
        "chapters",
        f"The book bundles {len(titles)} stories ({listed}); they were imported as one work, their tags together. "
        "To keep them apart, import each story's own file.",
        "info",
    )
