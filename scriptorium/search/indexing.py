"""What the index holds for a work, built in batches from the database; shared by every backend.

``documents_for(work_ids)`` reads works, creators (pseuds, and the external creators of archived works), tags (with
their canonical and meta tags, so ``tag:`` finds a work through a synonym's canonical name) and chapters in a
handful of queries per batch, and returns one :class:`Document` per listed (posted) work. The backends store them
their own way.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Q

from scriptorium.tags.filters import meta_edges_above, meta_edges_all, tags_above

_TAG = re.compile(r"<[^>]*>")

#: Works per batch when rebuilding (one set of queries and one executemany per batch).
BATCH = 500
#: Works per batch in a full rebuild (fewer, larger transactions).
REBUILD_BATCH = 2000


def html_to_text(value: str) -> str:
    """Plain text of sanitized HTML: tags become spaces, entities characters."""
    if not value:
        return ""
    if "<" in value:
        value = _TAG.sub(" ", value)
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())  # str.split is several times faster than a regular expression here


@dataclass(frozen=True)
class Document:
    work_id: int
    restricted: bool
    rating: str
    language: str
    complete: bool
    chapter_count: int
    word_count: int
    posted_on: datetime.date
    updated_on: datetime.date
    fandom_count: int
    title_sort: str
    creator_sort: str
    revision: int
    title: str
    creators: str
    tags: str
    summary: str
    body: str
    #: The tags the work is found under: each tag's canonical tag (or itself) and their meta tags.
    filter_tags: tuple[int, ...] = ()

    @property
    def digest(self) -> str:
        parts = (
            self.restricted,
            self.rating,
            self.language,
            self.complete,
            self.chapter_count,
            self.word_count,
            self.posted_on,
            self.updated_on,
            self.fandom_count,
            self.title,
            self.creators,
            self.tags,
            self.summary,
            self.body,
            self.filter_tags,
        )
        return hashlib.md5("\x1f".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()


def chunks(ids: Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _fandom_count(fandom_ids: set[int], edges: dict[int, set[int]], memo: dict) -> int:
    """Fandoms that are not a meta tag of another fandom of the same work (so a sub fandom and its meta count
    once)."""
    above: set[int] = set()
    for fandom_id in fandom_ids:
        above |= tags_above(fandom_id, edges, memo) - {fandom_id}
    return len(fandom_ids - above)


def _creator_names(creatorship: type, external_creatorship: type, ids: list[int]) -> dict[int, list[str]]:
    """Each work's creator names as its byline reads them: the authors first (the first one sorts the work), then
    the archivists of works archived for external creators (``works.bylines``), whose names find them too."""
    pseuds: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for work_id, name, user_id in (
        creatorship.objects.filter(work_id__in=ids)
        .order_by("work_id", "position", "id")
        .values_list("work_id", "pseud__name", "pseud__user_id")
    ):
        pseuds[work_id].append((name, user_id))
    externals: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for work_id, name, archivist_id in (
        external_creatorship.objects.filter(work_id__in=ids, external_creator__claimed_by__isnull=True)
        .order_by("work_id", "position", "id")
        .values_list("work_id", "external_creator__name", "external_creator__archivist_id")
    ):
        externals[work_id].append((name, archivist_id))
    names: dict[int, list[str]] = {}
    for work_id in ids:
        archivists = {archivist_id for _, archivist_id in externals.get(work_id, [])}
        credited = pseuds.get(work_id, [])
        authors = [name for name, user_id in credited if user_id not in archivists]
        keepers = [name for name, user_id in credited if user_id in archivists]
        names[work_id] = [*authors, *(name for name, _ in externals.get(work_id, [])), *keepers]
    return names


def documents_for(work_ids: list[int], *, edges: dict[int, set[int]] | None = None) -> list[Document]:
    """Documents for the listed works among ``work_ids`` (drafts, works hidden by a moderator and missing works
    give none)."""
    from scriptorium.tags.models import Tag
    from scriptorium.works.models import Chapter, Creatorship, ExternalCreatorship, Tagging, Work

    works = list(
        Work.objects.public().filter(pk__in=work_ids)
        .order_by("pk")
        .values_list(
            "pk", "title", "summary", "notes", "end_notes", "language", "rating", "restricted", "complete",
            "chapter_count", "word_count", "published_on", "revised_on", "created_at", "revision",
        )
    )  # fmt: skip
    if not works:
        return []
    ids = [row[0] for row in works]
    creators = _creator_names(Creatorship, ExternalCreatorship, ids)
    taggings = list(
        Tagging.objects.filter(work_id__in=ids)
        .order_by("work_id", "position", "id")
        .values_list("work_id", "tag_id", "tag__name", "tag__type", "tag__merger_id")
    )
    bases = {merger_id or tag_id for _, tag_id, _, _, merger_id in taggings}
    if edges is None:
        edges = meta_edges_above(bases)
    memo: dict[int, frozenset[int]] = {}
    found_under = {base: tags_above(base, edges, memo) for base in bases}
    own_names = {tag_id: name for _, tag_id, name, _, _ in taggings}
    needed = set().union(*found_under.values()) - own_names.keys() if found_under else set()
    names = dict(own_names)
    if needed:
        names.update(Tag.objects.filter(pk__in=needed).values_list("pk", "name"))
    tag_words: dict[int, list[str]] = defaultdict(list)
    fandoms: dict[int, set[int]] = defaultdict(set)
    filter_tags: dict[int, set[int]] = defaultdict(set)
    for work_id, tag_id, name, tag_type, merger_id in taggings:
        base = merger_id or tag_id
        tag_words[work_id].append(name)
        filter_tags[work_id] |= found_under[base]
        tag_words[work_id].extend(names[t] for t in sorted(found_under[base]) if t != tag_id and t in names)
        if tag_type == "fandom":
            fandoms[work_id].add(base)
    chapter_text: dict[int, list[str]] = defaultdict(list)
    chapter_meta: dict[int, list[str]] = defaultdict(list)
    for work_id, title, summary, notes, end_notes, text in (
        Chapter.objects.filter(work_id__in=ids)
        .order_by("work_id", "position", "id")
        .values_list("work_id", "title", "summary", "notes", "end_notes", "text")
        .iterator(chunk_size=2000)
    ):
        chapter_meta[work_id].extend(v for v in (title, summary, notes, end_notes) if v)
        chapter_text[work_id].append(text)
    documents = []
    for (
        work_id, title, summary, notes, end_notes, language, rating, restricted, complete, chapter_count,
        word_count, published_on, revised_on, created_at, revision,
    ) in works:  # fmt: skip
        posted_on = published_on or created_at.date()
        names_of = creators.get(work_id, [])
        documents.append(
            Document(
                work_id=work_id,
                restricted=restricted,
                rating=rating,
                language=language,
                complete=complete,
                chapter_count=chapter_count,
                word_count=word_count,
                posted_on=posted_on,
                updated_on=revised_on or posted_on,
                fandom_count=_fandom_count(fandoms.get(work_id, set()), edges, memo),
                title_sort=title.casefold()[:255],
                creator_sort=(names_of[0].casefold() if names_of else "")[:255],
                revision=revision,
                title=title,
                creators=" ".join(names_of),
                tags=" ; ".join(dict.fromkeys(tag_words.get(work_id, []))),
                summary=" ".join(
                    html_to_text(v) for v in (summary, notes, end_notes, *chapter_meta.get(work_id, [])) if v
                ),
                body=" ".join(html_to_text(t) for t in chapter_text.get(work_id, [])),
                filter_tags=tuple(sorted(filter_tags.get(work_id, ()))),
            )
        )
    return documents


def all_meta_edges() -> dict[int, set[int]]:
    return meta_edges_all()


def listed_work_ids() -> list[int]:
    from scriptorium.works.models import Work

    return list(Work.objects.public().order_by("pk").values_list("pk", flat=True))


def work_ids_for_tags(tag_ids: Iterable[int]) -> set[int]:
    """Works whose index text or crossover count a change of these tags (rename, wrangling) can move."""
    from scriptorium.tags.filters import tags_found_through
    from scriptorium.tags.models import WorkFilter
    from scriptorium.works.models import Tagging

    through = tags_found_through(tag_ids)
    ids = set(Tagging.objects.filter(tag_id__in=through).values_list("work_id", flat=True))
    ids |= set(WorkFilter.objects.filter(Q(tag_id__in=list(tag_ids))).values_list("work_id", flat=True))
    return ids
