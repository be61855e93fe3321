"""Metadata helpers shared by the rich formats: labels, languages, dates, series, finishing checks."""

from __future__ import annotations

import datetime
import re

from scriptorium.transfer.parsed import ParsedChapter, ParsedWork
from scriptorium.transfer.plaintext import fanficfare
from scriptorium.transfer.plaintext.common import exact_chapter_title, match_heading
from scriptorium.transfer.plaintext.common import finish as finish_plain
from scriptorium.transfer.plaintext.fields import add_unique, parse_date, split_list
from scriptorium.transfer.plaintext.fields import language_code as name_to_code
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.languages import language_code as archive_code

#: Labels spelled differently by AO3's preface, Markdown front matter or title pages, in the
#: spelling that FanFicFare's label reader (:func:`fanficfare._apply`) understands.
_ALIASES: dict[str, str] = {
    "relationship": "Relationships",
    "character": "Characters",
    "creator": "Author",
    "creators": "Author",
    "by": "Author",
    "date": "Published",
    "archive warnings": "Warnings",
    "archive warning": "Warnings",
    "warning": "Warnings",
    "freeform": "Additional Tags",
    "additional tag": "Additional Tags",
    "tag": "Tags",
    "rated": "Rating",
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DEFAULT_AUTHORS = frozenset(
    {"python-docx", "microsoft office user", "windows user", "user", "admin", "administrator", "unknown", "author"}
)


def language(value: str) -> str | None:
    """A language code for "en-US", "en", "English", "Français"…; None when unknown."""
    value = " ".join(value.split())
    if not value:
        return None
    primary = value.replace("_", "-").split("-")[0]
    for candidate in (value, value.replace("_", "-"), primary):
        code = archive_code(candidate)
        if code is not None:
            return code
    code = name_to_code(value)
    if code is not None and code not in LANGUAGES and code.split("-")[0] in LANGUAGES:
        return code.split("-")[0]
    return code


def parse_any_date(value: str) -> datetime.date | None:
    """ISO dates with or without a time ("2015-05-01T10:00:00+00:00"), or the site formats plain text knows."""
    match = _ISO_DATE.match(value.strip())
    if match:
        try:
            return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return parse_date(value)


def is_placeholder_author(name: str) -> bool:
    """Word and python-docx fill in an author nobody chose."""
    return name.strip().casefold() in _DEFAULT_AUTHORS


def apply_series(value: str, work: ParsedWork, *, position: str = "", bare: bool = False) -> None:
    """ "Part 2 of Long Road", "Long Road [2]" or a bare title (``bare``: with the position given apart)."""
    fanficfare.apply_series(value, work, position=position, bare=bare)


def apply_stats(value: str, work: ParsedWork) -> None:
    """AO3's "Published: 2015-05-01 Updated: 2015-06-02 Words: 1,234 Chapters: 2/3" line."""
    for key, item in re.findall(r"([A-Za-z]+):\s*(\S+)", value):
        key = key.casefold()
        if key == "published":
            work.published = parse_any_date(item) or work.published
        elif key in ("updated", "completed"):
            work.updated = parse_any_date(item) or work.updated
        elif key == "chapters":
            posted, _, total = item.replace(",", "").partition("/")
            if total.isdigit():
                work.expected_chapters = int(total)
                work.complete = posted.isdigit() and int(posted) >= int(total)
            elif total == "?":
                work.complete = False


def apply_label(label: str, value: str, work: ParsedWork, counts: dict[str, int | None] | None = None) -> None:
    """Read one "Label: value" pair as FanFicFare's title page, AO3's preface or front matter carry it."""
    label = " ".join(label.strip().rstrip(":").split())
    value = value.strip()
    if not label or not value:
        return
    key = label.casefold()
    if key == "series":
        apply_series(value, work)
        return
    if key == "stats":
        apply_stats(value, work)
        return
    if key == "chapters":
        apply_stats(f"Chapters: {value}", work)
        return
    if key in ("author", "authors", "creator", "creators", "by") and work.creators:
        return
    fanficfare._apply(_ALIASES.get(key, label), value, work, counts if counts is not None else {})


def add_subjects(
    work: ParsedWork,
    subjects: list[str],
    *,
    ignore: frozenset[str] = frozenset(),
    skip: re.Pattern[str] | None = None,
) -> None:
    """EPUB dc:subject tags not already known as another kind of tag become additional tags; ``ignore`` (lower
    case) and subjects that ``skip`` matches (a tool's bookkeeping, "Last Update: 2019/06/09") never do."""
    known = {
        item.casefold()
        for group in (
            work.fandoms,
            work.relationships,
            work.characters,
            work.additional_tags,
            work.categories,
            work.warnings,
        )
        for item in group
    }
    if work.rating:
        known.add(work.rating.casefold())
    for subject in subjects:
        if skip is not None and skip.match(subject.strip()):
            continue
        for item in split_list(subject) if "," in subject else [" ".join(subject.split())]:
            folded = item.casefold()
            if item and folded not in known and folded not in ignore:
                add_unique(work.additional_tags, [item])
                known.add(folded)


def heading_title(text: str) -> str:
    """ "Chapter 3: The Bridge" → "The Bridge"; "Chapter 3" → ""; anything else stays as it is."""
    text = " ".join(text.split())
    exact = exact_chapter_title(text)
    if exact is not None:
        return exact[:255]
    heading = match_heading(text)
    if heading is not None and text.casefold().startswith("chapter"):
        return heading.title[:255]
    return text[:255]


def finish(work: ParsedWork) -> ParsedWork:
    """Drop chapters that are only a heading, then run the checks every layout shares."""
    kept: list[ParsedChapter] = []
    for chapter in work.chapters:
        if chapter.has_text():
            kept.append(chapter)
        elif chapter.title:
            work.add_problem(
                "chapters", f"The heading “{chapter.title}” had no text under it and was left out.", "info"
            )
    work.chapters = kept
    return finish_plain(work)
