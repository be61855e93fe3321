"""OPDS Progression 1.0 documents (``application/vnd.readium.progression+json``) ↔ the web's place in a work.

A document names when and on which device the place was reached, the fraction of the publication read
(``progression``) and a Locator: the ``href`` of the chapter's page in our EPUB (``OEBPS/chapter-0002.xhtml``)
with the fraction of that chapter read (``locations.progression``) and of the whole work
(``locations.totalProgression``)."""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from scriptorium.kosync import xpointer
from scriptorium.kosync.inputs import InputError, fraction, json_object
from scriptorium.kosync.places import WebPlace, by_fraction, fraction_of
from scriptorium.works.models import Chapter, Work

MEDIA_TYPE = "application/vnd.readium.progression+json"
WEB_DEVICE = {"id": "urn:scriptorium:web", "name": "Scriptorium (web)"}
_HREF = re.compile(r"(?:^|/)chapter-(\d{1,6})\.xhtml(?:#.*)?$")


def _href(number: int, count: int) -> str:
    return f"OEBPS/chapter-{number:0{max(4, len(str(count)))}d}.xhtml"


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def document(work: Work, place: WebPlace, modified: datetime.datetime, device: dict[str, str]) -> dict:
    chapters = list(Chapter.objects.filter(work=work).only("id", "title", "word_count").order_by("position"))
    number = next((i for i, c in enumerate(chapters, start=1) if c.pk == place.chapter_id), 1)
    chapter = chapters[number - 1]
    count = xpointer.paragraph_count(chapter.text)
    within = (place.paragraph - 1) / count if count and place.paragraph > 0 else 0.0
    total = fraction_of(chapters, place)
    return {
        "modified": _iso(modified),
        "device": device,
        "progression": total,
        "locator": {
            "href": _href(number, len(chapters)),
            "type": "application/xhtml+xml",
            "title": f"Chapter {number}: {chapter.title}" if chapter.title else f"Chapter {number}",
            "locations": {"progression": round(within, 4), "totalProgression": total},
        },
    }


@dataclass(frozen=True)
class ProgressionInput:
    total: float
    chapter_number: int  # 0 when the locator names no chapter page of ours
    within: float
    device_name: str

    @classmethod
    def from_body(cls, body: bytes) -> ProgressionInput:
        data = json_object(body)
        locator = data.get("locator", {})
        if not isinstance(locator, dict):
            raise InputError("'locator' must be an object.")
        locations = locator.get("locations", {})
        if not isinstance(locations, dict):
            raise InputError("'locator.locations' must be an object.")
        if "progression" in data:
            total = fraction(data["progression"], "progression")
        elif "totalProgression" in locations:
            total = fraction(locations["totalProgression"], "locator.locations.totalProgression")
        else:
            raise InputError("'progression' is required (a number from 0 to 1).")
        within = fraction(locations.get("progression", 0), "locator.locations.progression")
        href = locator.get("href", "")
        if not isinstance(href, str) or len(href) > 500:
            raise InputError("'locator.href' must be a string of at most 500 characters.")
        match = _HREF.search(href)
        device = data.get("device", {})
        if not isinstance(device, dict) or not isinstance(device.get("name", ""), str):
            raise InputError("'device' must be an object with a string 'name'.")
        return cls(total, int(match.group(1)) if match else 0, within, str(device.get("name", ""))[:100])


def place_for(work: Work, data: ProgressionInput) -> WebPlace | None:
    chapters = list(Chapter.objects.filter(work=work).only("id", "word_count").order_by("position"))
    if not chapters:
        return None
    if 0 < data.chapter_number <= len(chapters):
        chapter = chapters[data.chapter_number - 1]
        count = xpointer.paragraph_count(chapter.text)
        paragraph = min(count, math.floor(data.within * count) + 1) if count and data.within > 0 else 0
        return WebPlace(chapter.pk, paragraph)
    return by_fraction(chapters, data.total)
