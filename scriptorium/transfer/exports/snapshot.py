"""A work as plain data for the converters: everything a download shows, read in a fixed number of queries.

Converters never touch the database: they turn a :class:`WorkSnapshot` (or another format's file) into a file.
That keeps them pure, fast to test (property tests build snapshots directly) and safe to run in a worker.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from scriptorium.core.sanitize import images_as_links
from scriptorium.tags.models import TagType
from scriptorium.works.bylines import byline_of
from scriptorium.works.languages import LANGUAGES
from scriptorium.works.models import Chapter, Creatorship, ExternalCreatorship, SeriesPart, Tagging, Work

#: Languages written right to left (the ``dir`` of their text, and the EPUB's page progression).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "yi"})


@dataclass(frozen=True)
class Link:
    """A name and where it lives on the archive (an absolute URL, or "" when it has none)."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class SeriesRef:
    title: str
    position: int
    url: str = ""


@dataclass(frozen=True)
class ChapterSnapshot:
    position: int
    title: str = ""
    text: str = ""  # sanitized HTML, as stored
    summary: str = ""
    notes: str = ""
    end_notes: str = ""

    @property
    def display_title(self) -> str:
        """ "Chapter 2: The Bridge", or "Chapter 2" when untitled (as on the work page)."""
        return f"Chapter {self.position}: {self.title}" if self.title else f"Chapter {self.position}"


@dataclass(frozen=True)
class WorkSnapshot:
    work_id: int
    title: str
    #: The byline's authors: pseuds, and for a work archived on its author's behalf the external creator's name.
    creators: tuple[Link, ...]
    chapters: tuple[ChapterSnapshot, ...]
    revision: int = 1
    summary: str = ""  # sanitized HTML
    notes: str = ""
    end_notes: str = ""
    language: str = "en"
    rating: str = "Not Rated"
    warnings: tuple[Link, ...] = ()
    categories: tuple[Link, ...] = ()
    fandoms: tuple[Link, ...] = ()
    relationships: tuple[Link, ...] = ()
    characters: tuple[Link, ...] = ()
    additional_tags: tuple[Link, ...] = ()
    rating_url: str = ""
    series: tuple[SeriesRef, ...] = ()
    complete: bool = False
    expected_chapters: int | None = None
    word_count: int = 0
    published_on: datetime.date | None = None
    revised_on: datetime.date | None = None
    modified_at: datetime.datetime = field(default_factory=lambda: datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    url: str = ""
    site_name: str = "Scriptorium"
    site_url: str = ""
    #: Who archived the work for its external creators ("[archived by …]" on the preface); empty otherwise.
    archivists: tuple[Link, ...] = ()

    @property
    def identifier(self) -> str:
        """A stable identifier for the book: the same for every revision of the work on this archive."""
        base = (self.site_url or "scriptorium").rstrip("/")
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{base}/works/{self.work_id}')}"

    @property
    def direction(self) -> str:
        return "rtl" if self.language.split("-")[0] in RTL_LANGUAGES else "ltr"

    @property
    def language_name(self) -> str:
        return LANGUAGES.get(self.language, self.language)

    @property
    def creator_names(self) -> list[str]:
        return [creator.name for creator in self.creators]

    @property
    def chapters_display(self) -> str:
        expected = self.expected_chapters if self.expected_chapters is not None else "?"
        return f"{len(self.chapters)}/{expected}"

    @property
    def tags(self) -> list[str]:
        """Every tag, as e-readers list subjects: warnings, categories, fandoms, relationships, characters, others."""
        groups = (
            self.warnings,
            self.categories,
            self.fandoms,
            self.relationships,
            self.characters,
            self.additional_tags,
        )
        return [link.name for group in groups for link in group]


_GROUPS = {
    TagType.WARNING: "warnings",
    TagType.CATEGORY: "categories",
    TagType.FANDOM: "fandoms",
    TagType.RELATIONSHIP: "relationships",
    TagType.CHARACTER: "characters",
    TagType.ADDITIONAL: "additional_tags",
}


def _offline(html: str) -> str:
    """Stored HTML for a file read away from the archive: every image becomes a link showing its alt text, so
    opening a download never fetches anything (no tracking pixel; the operator's SCRIPTORIUM_REMOTE_IMAGES
    covers the site's pages, and a built file outlives a change of that setting)."""
    return images_as_links(html, keep_local=False)


def _absolute(path: str) -> str:
    return f"{settings.SCRIPTORIUM_BASE_URL.rstrip('/')}{path}"


def _tag_url(name: str) -> str:
    return _absolute(reverse("tags:works", kwargs={"name": name}))


def work_snapshot(work: Work) -> WorkSnapshot:
    """Everything a download shows of ``work``, in six queries whatever its size."""
    prefetch_related_objects(
        [work],
        Prefetch("creatorships", queryset=Creatorship.objects.select_related("pseud__user").order_by("position", "id")),
        Prefetch(
            "external_creatorships",
            queryset=ExternalCreatorship.objects.select_related("external_creator").order_by("position", "id"),
        ),
    )
    byline = byline_of(work)
    creators = tuple(Link(author.display_name, _absolute(author.get_absolute_url())) for author in byline.authors)
    archivists = tuple(Link(pseud.display_name, _absolute(pseud.get_absolute_url())) for pseud in byline.keepers)
    groups: dict[str, list[Link]] = {name: [] for name in _GROUPS.values()}
    for tagging in Tagging.objects.filter(work=work).select_related("tag").order_by("position", "id"):
        name = _GROUPS.get(tagging.tag.type)
        if name:
            groups[name].append(Link(tagging.tag.name, _tag_url(tagging.tag.name)))
    series = tuple(
        SeriesRef(part.series.title, part.position, _absolute(part.series.get_absolute_url()))
        for part in SeriesPart.objects.filter(work=work).select_related("series").order_by("series__title", "id")
    )
    chapters = tuple(
        ChapterSnapshot(
            position=number,
            title=chapter.title,
            text=_offline(chapter.text),
            summary=_offline(chapter.summary),
            notes=_offline(chapter.notes),
            end_notes=_offline(chapter.end_notes),
        )
        for number, chapter in enumerate(
            Chapter.objects.filter(work=work)
            .only("position", "title", "text", "summary", "notes", "end_notes")
            .order_by("position", "id")
            .iterator(chunk_size=50),
            start=1,
        )
    )
    return WorkSnapshot(
        work_id=work.pk,
        revision=work.revision,
        title=work.title,
        creators=creators,
        archivists=archivists,
        chapters=chapters,
        summary=_offline(work.summary),
        notes=_offline(work.notes),
        end_notes=_offline(work.end_notes),
        language=work.language,
        rating=work.rating,
        rating_url=_tag_url(work.rating),
        series=series,
        complete=work.complete,
        expected_chapters=work.expected_chapters,
        word_count=work.word_count,
        published_on=work.published_on,
        revised_on=work.revised_on,
        modified_at=work.modified_at,
        url=_absolute(work.get_absolute_url()),
        site_name=settings.SITE_NAME,
        site_url=settings.SCRIPTORIUM_BASE_URL.rstrip("/"),
        **{name: tuple(links) for name, links in groups.items()},
    )
