"""Where a reader is in a work, in both languages: KOReader's (an XPointer or a page, and a fraction of the book)
and the web's (a chapter and a paragraph). Only reads."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scriptorium.kosync import xpointer
from scriptorium.works.models import Chapter, Work


@dataclass(frozen=True)
class Layout:
    """A file of the work: its format and the chapter ids in its reading order (empty: as the work is now)."""

    work: Work
    format: str
    chapter_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class WebPlace:
    chapter_id: int
    paragraph: int


def _chapters(work: Work) -> list[Chapter]:
    """The work's chapters in order, without their texts (the one chapter a place needs loads its own)."""
    return list(Chapter.objects.filter(work=work).only("id", "position", "word_count").order_by("position"))


def _spine(layout: Layout, chapters: list[Chapter]) -> list[int]:
    return list(layout.chapter_ids) or [c.pk for c in chapters]


def web_place(layout: Layout, progress: str, percentage: float) -> WebPlace | None:
    """The web's chapter and paragraph for what KOReader reported (None for a work without chapters)."""
    chapters = _chapters(layout.work)
    if not chapters:
        return None
    by_id = {c.pk: c for c in chapters}
    pointer = xpointer.parse(progress) if layout.format == "epub" else None
    if pointer is not None:
        spine = _spine(layout, chapters)
        index = pointer.fragment - 2  # the title page is fragment 1
        if index < 0:
            return WebPlace(chapters[0].pk, xpointer.TOP)
        if index >= len(spine):  # the afterword: the end of the last chapter
            last = chapters[-1]
            return WebPlace(last.pk, xpointer.paragraph_count(last.text))
        chapter = by_id.get(spine[index])
        if chapter is not None:
            return WebPlace(chapter.pk, xpointer.paragraph_at(chapter.text, pointer.steps))
    return by_fraction(chapters, percentage)


def by_fraction(chapters: list[Chapter], percentage: float) -> WebPlace:
    """A place from the fraction of the book read, by the chapters' word counts (PDF pages, other formats)."""
    weights = [max(c.word_count, 1) for c in chapters]
    goal = min(max(percentage, 0.0), 1.0) * sum(weights)
    for chapter, weight in zip(chapters, weights, strict=True):
        if goal < weight:
            count = xpointer.paragraph_count(chapter.text)
            paragraph = min(count, math.floor(goal / weight * count) + 1) if goal > 0 and count else 0
            return WebPlace(chapter.pk, paragraph)
        goal -= weight
    last = chapters[-1]
    return WebPlace(last.pk, xpointer.paragraph_count(last.text))


@dataclass(frozen=True)
class DevicePlace:
    progress: str
    percentage: float


def device_place(layout: Layout, place: WebPlace) -> DevicePlace | None:
    """KOReader's XPointer and fraction for the web's place, in an EPUB of ``layout`` (None for other formats, or
    a chapter the file does not have)."""
    chapters = _chapters(layout.work)
    spine = _spine(layout, chapters)
    if layout.format != "epub" or place.chapter_id not in spine:
        return None
    chapter = next((c for c in chapters if c.pk == place.chapter_id), None)
    if chapter is None:
        return None
    progress = xpointer.pointer_for(spine.index(place.chapter_id) + 2, chapter.text, place.paragraph)
    return DevicePlace(progress, fraction_of(chapters, place))


def fraction_of(chapters: list[Chapter], place: WebPlace) -> float:
    """How far into the work a place is, by words (0 to 1, rounded as KOReader rounds: four decimals)."""
    total = sum(max(c.word_count, 1) for c in chapters)
    before = 0
    for chapter in chapters:
        weight = max(chapter.word_count, 1)
        if chapter.pk == place.chapter_id:
            count = xpointer.paragraph_count(chapter.text)
            within = (place.paragraph - 1) / count if count and place.paragraph > 0 else 0.0
            return round(min((before + weight * within) / total, 1.0), 4)
        before += weight
    return 0.0


def work_fraction(work: Work, place: WebPlace) -> float:
    return fraction_of(_chapters(work), place)


def chapter_number(work: Work, chapter_id: int) -> int:
    """The chapter's place in reading order, from 1 (0 when it is not the work's)."""
    ids = list(Chapter.objects.filter(work=work).order_by("position").values_list("id", flat=True))
    return ids.index(chapter_id) + 1 if chapter_id in ids else 0
