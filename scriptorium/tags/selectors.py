"""Reads for the tag pages and autocomplete (the works listed under a tag come from the search app)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from scriptorium.tags.models import Tag, TagType, TagWord
from scriptorium.tags.querysets import shown_to_reader
from scriptorium.tags.text import fold, query_words

AUTOCOMPLETE_LIMIT = 15
#: Matches read per status, in pages of AUTOCOMPLETE_LIMIT (then ranked by name).
AUTOCOMPLETE_DEPTH = 4


def tag_named(name: str, *, shown_with: QuerySet | None = None) -> Tag | None:
    """The tag with this name, whatever its case (None when there is none, or when ``shown_with``, the works the
    reader may open, leaves it out: see ``Tag.objects.shown_with``)."""
    tags = Tag.objects.named(name)
    if shown_with is not None:
        tags = tags.shown_with(shown_with)
    return tags.select_related("merger").first()


def tags_by_ids(ids: Iterable[int]) -> list[Tag]:
    """The tags with these ids, by name (unknown ids are skipped)."""
    return list(Tag.objects.filter(pk__in=list(ids)).order_by("name"))


def tags_named(names: Iterable[str]) -> list[Tag]:
    """The tags with these names (ignoring case), in the order given; unknown names are skipped."""
    found = []
    for name in names:
        tag = tag_named(name)
        if tag is not None and tag not in found:
            found.append(tag)
    return found


@dataclass
class TagPage:
    """What the page of a (non-synonym) tag shows about it, each list ordered by name."""

    tag: Tag
    synonyms: list[Tag] = field(default_factory=list)
    fandoms: list[Tag] = field(default_factory=list)
    characters: list[Tag] = field(default_factory=list)
    #: For a fandom: the media it is listed under.
    media: list[Tag] = field(default_factory=list)
    meta_tags: list[Tag] = field(default_factory=list)
    sub_tags: list[Tag] = field(default_factory=list)
    #: For a fandom: its canonical characters and relationships; for a character: its relationships.
    children: dict[str, list[Tag]] = field(default_factory=dict)
    child_counts: dict[str, int] = field(default_factory=dict)


CHILDREN_SHOWN = 50


def tag_page(tag: Tag, *, shown_with: QuerySet | None = None) -> TagPage:
    """What a tag's page shows of its wrangling; ``shown_with`` (the works the reader may open) leaves out the
    related tags that reader may not learn of (``Tag.objects.shown_with``; None: all of them, for wranglers)."""

    def shown(tags: QuerySet[Tag]) -> QuerySet[Tag]:
        return tags if shown_with is None else tags.shown_with(shown_with)

    page = TagPage(tag=tag)
    page.synonyms = list(shown(tag.synonyms.all()).order_by("name"))
    homes = {TagType.FANDOM: page.fandoms, TagType.MEDIA: page.media}
    for parent in shown(tag.parents.all()).order_by("name"):
        homes.get(parent.type, page.characters).append(parent)
    page.meta_tags = list(shown(tag.meta_tags.all()).order_by("name"))
    page.sub_tags = list(shown(tag.sub_tags.all()).order_by("name"))
    if tag.type in (TagType.FANDOM, TagType.CHARACTER):
        for kind in (TagType.CHARACTER, TagType.RELATIONSHIP):
            children = tag.children.filter(type=kind, canonical=True)
            count = children.count()
            if count:
                page.child_counts[TagType(kind).label] = count
                page.children[TagType(kind).label] = list(children.order_by("name")[:CHILDREN_SHOWN])
    return page


def _word_prefix(word: str) -> Q:
    """Words starting with ``word``. On SQLite also as an explicit range, which its index serves (a LIKE does not,
    being case-insensitive there); PostgreSQL serves the LIKE from a pattern index (migration 0005)."""
    if connection.vendor == "postgresql":
        return Q(word__startswith=word)
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    return Q(word__gte=word, word__lt=upper, word__startswith=word)


def tags_autocomplete(
    *, q: str, tag_type: str | None = None, limit: int = AUTOCOMPLETE_LIMIT, shown_with: QuerySet | None = None
) -> list[dict[str, object]]:
    """Tags with a word starting with each word typed: canonical tags first, then synonyms (with the canonical
    tag they lead to), then unwrangled tags; within each, names starting with the text typed first, then by name.
    ``shown_with``: the works the reader may open; synonyms and unwrangled tags are narrowed by
    ``shown_to_reader`` (as on ``Tag.objects.shown_with``). None: every tag (wranglers).

    Each status is one range of the (status, word, type) index that stops after a few pages of matches, so the
    time does not grow with the number of tags (docs/performance.md, "Tags")."""
    words = sorted(query_words(q), key=len, reverse=True)[:4]
    if not words:
        return []
    first, *others = words
    ranked: dict[int, int] = {}
    for status in (TagWord.CANONICAL, TagWord.SYNONYM, TagWord.UNWRANGLED):
        rows = TagWord.objects.filter(_word_prefix(first), status=status)
        if tag_type:
            rows = rows.filter(type=tag_type)
        for word in others:
            rows = rows.filter(Exists(TagWord.objects.filter(_word_prefix(word), tag_id=OuterRef("tag_id"))))
        if shown_with is not None and status != TagWord.CANONICAL:
            rows = rows.filter(shown_to_reader(shown_with, tag="tag_id", wrangled=Q(status=TagWord.SYNONYM)))
        for tag_id in rows.order_by().values_list("tag_id", flat=True)[: limit * AUTOCOMPLETE_DEPTH]:
            ranked.setdefault(tag_id, status)
        if len(ranked) >= limit:
            break
    typed = fold(" ".join(q.split()))
    tags = sorted(
        Tag.objects.filter(pk__in=ranked).select_related("merger").only("name", "type", "canonical", "merger__name"),
        key=lambda t: (ranked[t.pk], not fold(t.name).startswith(typed), t.name.casefold()),
    )
    return [
        {
            "name": tag.name,
            "type": tag.type,
            "status": tag.status,
            "canonical": tag.merger.name if tag.merger else (tag.name if tag.canonical else None),
        }
        for tag in tags[:limit]
    ]
