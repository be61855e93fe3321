"""FanFiction.Net story pages saved or copied as text.

The common layout::

    Movies » Avengers                 optional category breadcrumb (gives the fandom)
    Title                             sometimes run together with the "Follow/Fav" button text
    By: Author
    A one-line summary.               optional
    Rated: Fiction T - English - Romance/Drama - [Steve R., Natasha R.] Sam W. - Chapters: 3 -
        Words: 12,345 - Reviews: 10 - Favs: 5 - Follows: 7 - Updated: 6/2/2015 -
        Published: 5/1/2015 - Status: Complete - id: 1234567      (all on one line; fields vary)
    chapter text
"""

from __future__ import annotations

import re

from scriptorium.transfer.parsed import ParsedWork
from scriptorium.transfer.plaintext.common import (
    attach_prelude,
    is_blank,
    prepare_blocks,
    split_blocks,
    split_chapters,
)
from scriptorium.transfer.plaintext.fields import (
    add_unique,
    language_code,
    parse_date,
    split_ffn_genres,
    split_list,
    split_people,
)
from scriptorium.transfer.ratings import map_rating

SOURCE_FORMAT = "ffnet-text"
_SCAN_LINES = 60
_STAT = re.compile(r"^\s*Rated:\s*(?:Fiction\s+)?(?:K\+?|T|M|MA)(?:\s+-\s+|\s*$)", re.IGNORECASE)
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{0,20}):\s*(?P<value>.*)$")
_CRUMB = re.compile(
    r"^(?:Anime/Manga|Books|Cartoons|Comics|Games|Misc|Movies|Plays/Musicals|TV Shows|TV|Crossovers?)"
    r"\s*[»›>]\s*(?P<fandom>\S.*)$",
    re.IGNORECASE,
)
_BY = re.compile(r"^by(?::\s*|\s+)(?P<name>\S.*)$", re.IGNORECASE)
_CHROME = re.compile(r"^(?:<\s*Prev(?:\s+Next\s*>)?|Next\s*>|Follow/Fav|Review)$", re.IGNORECASE)
_PEOPLE = re.compile(r"\[(?P<pairing>[^\]]*)\]|(?P<names>[^,\[\]]+)")
_KEPT_LABELS = ("Words", "Reviews", "Favs", "Follows", "id")


def _stat_index(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:_SCAN_LINES]):
        if _STAT.match(line):
            return index
    return None


def detect(lines: list[str]) -> bool:
    return _stat_index(lines) is not None


def _read_people(value: str, work: ParsedWork) -> None:
    """ "[Steve R., Natasha R.] Sam W." -> relationship "Steve R./Natasha R." and three characters."""
    for match in _PEOPLE.finditer(value):
        if match.group("pairing") is not None:
            names = split_list(match.group("pairing"))
            if len(names) >= 2:
                add_unique(work.relationships, ["/".join(names)])
        else:
            names = split_list(match.group("names"))
        add_unique(work.characters, names)


def _read_date(label: str, value: str, work: ParsedWork) -> None:
    date = parse_date(value)
    if date is None:
        work.extras[label] = value
        work.add_problem(label.lower(), f"The {label.lower()} date \u201c{value}\u201d could not be read.", "doubtful")
    elif label.lower() == "published":
        work.published = date
    else:
        work.updated = date


def _read_stat_line(line: str, work: ParsedWork) -> int | None:
    """Fill the work from the stat line; return the site's chapter count when given."""
    parts = [part.strip() for part in re.split(r"\s+-\s+", line.strip())]
    rated = re.sub(r"^Rated:\s*", "", parts[0], flags=re.IGNORECASE)
    work.rating = map_rating(rated)
    if work.rating is None:
        work.extras["Rated"] = rated
        work.add_problem("rating", f"The rating \u201c{rated}\u201d is not one we recognise.", "doubtful")
    chapters: int | None = None
    status_seen = False
    people_seen = False
    for part in parts[1:]:
        labelled = _LABELLED.match(part)
        if labelled is None:
            genres = split_ffn_genres(part)
            if work.language is None and not people_seen and language_code(part):
                work.language = language_code(part)
            elif genres and not people_seen:
                add_unique(work.additional_tags, genres)
            elif not people_seen:
                _read_people(part, work)
                people_seen = True
            else:
                work.extras.setdefault("Other", part)
            continue
        label, value = labelled.group("label").strip(), labelled.group("value").strip()
        key = label.casefold()
        if key == "chapters" and value.replace(",", "").isdigit():
            chapters = int(value.replace(",", ""))
            work.extras["Chapters"] = value
        elif key in ("published", "updated"):
            _read_date(label, value, work)
        elif key == "status":
            status_seen = True
            work.complete = value.casefold() in ("complete", "completed")
        else:
            work.extras[label] = value
    if not status_seen:
        # FanFiction.Net prints "Status: Complete" only for finished stories.
        work.complete = False
    return chapters


def _read_top(top: list[str], work: ParsedWork) -> None:
    """Breadcrumb, title, "By:" line and summary above the stat line."""
    kept: list[str] = []
    for raw in top:
        line = raw.strip()
        crumb = _CRUMB.match(line)
        if crumb:
            fandoms = re.sub(r"\s+Crossover$", "", crumb.group("fandom").strip(), flags=re.IGNORECASE)
            add_unique(work.fandoms, [name.strip() for name in fandoms.split(" + ") if name.strip()])
            continue
        if line.casefold().startswith("follow/fav"):
            line = line[len("follow/fav") :].strip()
        if line:
            kept.append(line)
    by_index = next(
        (
            index
            for index, line in enumerate(kept[:3])
            if _BY.match(line) and (line[2:3] == ":" or len(line.split()) <= 6)
        ),
        None,
    )
    if by_index is not None:
        match = _BY.match(kept[by_index])
        work.creators = split_people(match.group("name")) if match else []
        work.title = kept[by_index - 1] if by_index > 0 else None
        work.summary = "\n".join(kept[by_index + 1 :])
    elif len(kept) >= 2:
        work.title, work.summary = kept[0], "\n".join(kept[1:])
    elif kept and len(kept[0]) <= 120 and kept[0][-1] not in ".!?\u2026":
        work.title = kept[0]
    elif kept:
        work.summary = kept[0]


def _trim_chrome(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and (is_blank(lines[start]) or _CHROME.match(lines[start].strip())):
        start += 1
    while end > start and (is_blank(lines[end - 1]) or _CHROME.match(lines[end - 1].strip())):
        end -= 1
    return lines[start:end]


def parse(lines: list[str], work: ParsedWork) -> ParsedWork:
    index = _stat_index(lines)
    if index is None:
        raise ValueError("not a FanFiction.Net text dump")
    work.source_format = SOURCE_FORMAT
    _read_top(lines[:index], work)
    site_chapters = _read_stat_line(lines[index], work)
    blocks = split_blocks(_trim_chrome(lines[index + 1 :]))
    prelude, chapters = split_chapters(*prepare_blocks(blocks))
    work.chapters = attach_prelude(prelude, chapters, work)
    if site_chapters is not None:
        if work.complete:
            work.expected_chapters = site_chapters
        if work.chapters and site_chapters > len(work.chapters):
            work.add_problem(
                "chapters",
                f"The story page lists {site_chapters} chapters but the file holds {len(work.chapters)}.",
                "doubtful",
            )
    return work
