"""eFiction's rows to what the works service takes (``WorkInput``, ``ChapterInput``): no database writes here.

Decisions (docs/imports.md, "eFiction archives"):

* **Fandoms** come from categories. By default the category a story is filed in is its fandom; with
  ``fandom_from = "top"`` its top-level ancestor is, and the category itself becomes an additional tag; with
  ``archive_fandom`` set every work gets that one fandom and categories become additional tags. A category can
  be renamed (or made a tag) in ``[categories.rename]``. A story in no category gets ``no_category_fandom``.
* **Ratings** are ids into the ratings table or the rating's own name (some archives store "Mature" in the
  story); either way the name goes through ``[ratings]``; an unknown one is reported and the work is Not Rated.
* **Classes** of the warning types go through ``[warnings]`` to archive warnings; any class can give an AO3
  category (``[ao3_categories]``); the rest go through ``[tags]`` to additional tags. A class the mapping does
  not know becomes an additional tag under its own name and is reported. No warning → "Creator Chose Not To Use
  Archive Warnings".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scriptorium.efiction.mapping import Mapping
from scriptorium.efiction.reader import Archive, Chapter, Review, Story, chapter_file, decode_bytes, id_list
from scriptorium.tags.vocabulary import (
    CHOSE_NOT_TO_WARN,
    NO_WARNINGS_APPLY,
    NOT_RATED,
    NOTES_MAX,
    SUBSTANTIVE_WARNINGS,
    SUMMARY_MAX,
    TAG_NAME_MAX,
    TAGS_PER_WORK_MAX,
    TITLE_MAX,
)
from scriptorium.works.inputs import ChapterInput, WorkInput

#: ``note(kind, detail)``: something the report lists under ``kind``.
Note = Callable[[str, str], None]

UNKNOWN_RATING = "unknown rating"
UNMAPPED_CLASS = "class without mapping (kept as an additional tag)"
MISSING_FILE = "missing chapter file"
MISSING_ROW = "reference to a missing row"
UNKNOWN_AUTHOR = "author not in the authors table"
SHORTENED = "shortened to fit"
LEFT_OUT = "left out"


def _fit(text: str, limit: int, what: str, note: Note) -> str:
    if len(text) <= limit:
        return text
    note(SHORTENED, f"{what}: {len(text):,} characters, the limit is {limit:,}")
    return text[: limit - 1].rstrip() + "…"


def _tag(name: str) -> str:
    return " ".join(name.split())[:TAG_NAME_MAX]


def rating_of(story: Story, archive: Archive, mapping: Mapping, note: Note) -> str:
    raw = story.rating.strip()
    if not raw or raw == "0":
        return NOT_RATED
    if re.fullmatch(r"[\d,\s]+", raw):
        ids = id_list(raw)
        name = archive.ratings.get(ids[0]) if ids else None
        if name is None:
            note(UNKNOWN_RATING, f"rating id {raw} (not in the ratings table)")
            return NOT_RATED
    else:
        name = raw
    mapped = mapping.rating(name)
    if mapped is None:
        note(UNKNOWN_RATING, f"“{name}”")
        return NOT_RATED
    return mapped


@dataclass
class _Tags:
    fandoms: list[str]
    characters: list[str]
    additional: list[str]
    warnings: list[str]
    categories: list[str]


def _fandoms(story: Story, archive: Archive, mapping: Mapping, tags: _Tags, note: Note) -> None:
    for catid in story.catids:
        category = archive.categories.get(catid)
        if category is None:
            note(MISSING_ROW, f"category {catid} (story {story.sid})")
            continue
        if mapping.archive_fandom:
            tags.additional.append(category.name)
            continue
        chosen = category
        if mapping.fandom_from == "top":
            seen = {chosen.catid}
            while chosen.parent in archive.categories and chosen.parent not in seen:
                chosen = archive.categories[chosen.parent]
                seen.add(chosen.catid)
            if chosen is not category:
                tags.additional.append(category.name)
        renamed = mapping.fandom_name(chosen.name)
        if renamed == "":
            tags.additional.append(chosen.name)
        else:
            tags.fandoms.append(renamed or chosen.name)
    if mapping.archive_fandom:
        tags.fandoms.insert(0, mapping.archive_fandom)
    if not tags.fandoms and mapping.no_category_fandom:
        tags.fandoms.append(mapping.no_category_fandom)


def _classes(story: Story, archive: Archive, mapping: Mapping, tags: _Tags, note: Note) -> None:
    for class_id in story.class_ids:
        item = archive.classes.get(class_id)
        if item is None:
            note(MISSING_ROW, f"class {class_id} (story {story.sid})")
            continue
        category = mapping.ao3_category(item.name)
        if category:
            tags.categories.append(category)
            continue
        if mapping.is_warning_type(item.type_name):
            warning = mapping.warning(item.name)
            if warning:
                tags.warnings.append(warning)
                continue
            if warning is None:
                note(UNMAPPED_CLASS, f"{item.type_name}: “{item.name}”")
            tags.additional.append(item.name)
            continue
        tag = mapping.tag(item.name)
        if tag is None:
            note(UNMAPPED_CLASS, f"{item.type_name}: “{item.name}”")
            tags.additional.append(item.name)
        elif tag:
            tags.additional.append(tag)
    warnings = list(dict.fromkeys(tags.warnings)) or [CHOSE_NOT_TO_WARN]
    if len(warnings) > 1:
        warnings = [w for w in warnings if w != CHOSE_NOT_TO_WARN]
    if SUBSTANTIVE_WARNINGS.intersection(warnings):
        warnings = [w for w in warnings if w != NO_WARNINGS_APPLY]
    tags.warnings = warnings


def _unique(names: list[str], taken: set[str]) -> tuple[str, ...]:
    out = []
    for name in names:
        name = _tag(name)
        if name and name.casefold() not in taken:
            taken.add(name.casefold())
            out.append(name)
    return tuple(out)


def work_input(story: Story, archive: Archive, mapping: Mapping, note: Note, *, chapters: int) -> WorkInput:
    tags = _Tags(fandoms=[], characters=[], additional=[], warnings=[], categories=[])
    _fandoms(story, archive, mapping, tags, note)
    for charid in story.charids:
        name = archive.characters.get(charid)
        if name is None:
            note(MISSING_ROW, f"character {charid} (story {story.sid})")
        elif name:
            tags.characters.append(name)
    _classes(story, archive, mapping, tags, note)
    taken: set[str] = set()
    fandoms = _unique(tags.fandoms, taken)
    characters = _unique(tags.characters, taken)
    additional = _unique(tags.additional, taken)
    room = TAGS_PER_WORK_MAX - len(fandoms) - len(characters)
    if len(additional) > room:
        note(LEFT_OUT, f"story {story.sid}: {len(additional) - room} tags beyond {TAGS_PER_WORK_MAX}")
        additional = additional[: max(room, 0)]
    title = story.title or f"Untitled story {story.sid}"
    place = archive.series_places.get(story.sid, [])
    series = archive.series.get(place[0].seriesid) if place else None
    if place and series is None:
        note(MISSING_ROW, f"series {place[0].seriesid} (story {story.sid})")
    if len(place) > 1:
        note(LEFT_OUT, f"story {story.sid}: in {len(place)} series, placed in the first only")
    return WorkInput(
        title=_fit(title, TITLE_MAX, f"title of story {story.sid}", note),
        summary=_fit(story.summary.strip(), SUMMARY_MAX, f"summary of story {story.sid}", note),
        notes=_fit(story.notes.strip(), NOTES_MAX, f"notes of story {story.sid}", note),
        rating=rating_of(story, archive, mapping, note),
        warnings=tuple(tags.warnings),
        categories=tuple(dict.fromkeys(tags.categories)),
        fandoms=fandoms,
        characters=characters,
        additional_tags=additional,
        expected_chapters=chapters if story.completed else None,
        series_title=_fit(series.title, TITLE_MAX, f"series {series.seriesid}", note) if series else "",
        series_position=place[0].position if series and place[0].position >= 1 else None,
    )


def chapter_inputs(
    story: Story, chapters: list[Chapter], stories_dir: Path | None, note: Note
) -> list[tuple[Chapter, ChapterInput]]:
    """The story's chapters that have text (in the database, or in their file), in their order."""
    out = []
    for chapter in chapters:
        if not chapter.validated:
            note(LEFT_OUT, f"chapter {chapter.chapid} of story {story.sid}: not validated in eFiction")
            continue
        text = chapter.text
        if text is None:
            path = chapter_file(stories_dir, chapter)
            if path is None or not path.is_file():
                where = str(path) if path else "no --stories-dir given"
                note(MISSING_FILE, f"chapter {chapter.chapid} of story {story.sid} ({where})")
                continue
            text = decode_bytes(path.read_bytes())
        if not text.strip():
            note(LEFT_OUT, f"chapter {chapter.chapid} of story {story.sid}: no text")
            continue
        label = f"chapter {chapter.chapid} of story {story.sid}"
        out.append(
            (
                chapter,
                ChapterInput(
                    text=text,
                    title=_fit(chapter.title, TITLE_MAX, f"title of {label}", note),
                    notes=_fit(chapter.notes.strip(), NOTES_MAX, f"notes of {label}", note),
                    end_notes=_fit(chapter.endnotes.strip(), NOTES_MAX, f"end notes of {label}", note),
                ),
            )
        )
    return out


#: Where eFiction appended the author's answer to a review ("<br><br><i>Author's Response: …</i>").
_RESPONSE = re.compile(
    r"(?:\s*<br\s*/?>)*\s*(?:<(?:i|em|b|strong)>\s*)?Author(?:'|&#0?39;|’)?s\s+Response\s*:?\s*(?:</(?:i|em|b|strong)>)?",
    re.IGNORECASE,
)


def review_split(review: Review) -> tuple[str, str]:
    """A review's own text, and the author's response eFiction appended to it ("" when none)."""
    match = _RESPONSE.search(review.text)
    if not match:
        return review.text, ""
    response = review.text[match.end() :].strip()
    response = re.sub(r"^(?:</(?:i|em)>\s*)+|(?:\s*</(?:i|em)>)+$", "", response).strip()
    return review.text[: match.start()], response
