"""Tag search (``/tags/search``): tags by words of their name, type, wrangling status and fandom, each with how
many works listed for the reader carry it. Only tags the reader may learn of (``Tag.objects.shown_with``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Lower

from scriptorium.discovery.selectors.readers import reader_works
from scriptorium.tags.models import Tag, TagParent, TagWord
from scriptorium.tags.text import query_words
from scriptorium.works.models import Tagging
from scriptorium.works.selectors import works_visible

if TYPE_CHECKING:
    from scriptorium.discovery.selectors.readers import Viewer

#: Words of a name looked for at most (each matched as the start of a word of the name).
MAX_WORDS = 6


@dataclass(frozen=True)
class TagQuery:
    name: str = ""
    tag_type: str = ""  # one of TagType's values, "" for any
    status: str = ""  # "canonical", "synonym", "unwrangled", or "" for any
    fandom: Tag | None = None  # tags whose parents include this fandom (characters, relationships, additional)


def tags_search(user: Viewer, query: TagQuery) -> QuerySet[Tag]:
    """Tags ``query`` finds, canonical ones first, then by name; each with ``uses``: how many works listed for
    ``user`` carry the tag itself (AO3's taggings count, for the reader), and ``canonical_name`` for a synonym."""
    tags = Tag.objects.shown_with(works_visible(user))
    for word in query_words(query.name)[:MAX_WORDS]:
        tags = tags.filter(Exists(TagWord.objects.filter(tag_id=OuterRef("pk"), word__startswith=word)))
    if query.tag_type:
        tags = tags.filter(type=query.tag_type)
    if query.status == "canonical":
        tags = tags.filter(canonical=True)
    elif query.status == "synonym":
        tags = tags.filter(merger__isnull=False)
    elif query.status == "unwrangled":
        tags = tags.filter(canonical=False, merger__isnull=True)
    if query.fandom is not None:
        tags = tags.filter(
            Q(pk__in=TagParent.objects.filter(parent_id=query.fandom.filter_tag_id).values("child_id"))
            | Q(merger__in=TagParent.objects.filter(parent_id=query.fandom.filter_tag_id).values("child_id"))
        )
    uses = (
        Tagging.objects.filter(tag_id=OuterRef("pk"), work__in=reader_works(user))
        .order_by()
        .values("tag_id")
        .annotate(n=Count("work_id"))
        .values("n")
    )
    return (
        tags.select_related("merger")
        .annotate(uses=Coalesce(Subquery(uses, output_field=IntegerField()), Value(0)), _lname=Lower("name"))
        .order_by("-canonical", "_lname", "pk")
    )
