"""Reads for the wrangling pages."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from scriptorium.tags.models import Tag, TagType, WorkFilter, WranglingLogEntry

BIN_TYPES = (TagType.CHARACTER, TagType.RELATIONSHIP, TagType.ADDITIONAL)


def _unwrangled(tag_type: str) -> QuerySet[Tag]:
    return Tag.objects.filter(type=tag_type, canonical=False, merger__isnull=True)


def fandom_unwrangled(fandom: Tag, tag_type: str) -> QuerySet[Tag]:
    """Unwrangled tags of ``tag_type`` in a fandom's bin: used on works found under the fandom, or given the
    fandom as a parent. Each carries ``uses`` (how many works carry it), most used first."""
    in_fandom = WorkFilter.objects.filter(tag=fandom).values("work_id")
    used = Tag.objects.filter(taggings__work_id__in=in_fandom).values("pk")
    parented = fandom.child_links.values("child_id")
    return (
        _unwrangled(tag_type)
        .filter(Q(pk__in=used) | Q(pk__in=parented))
        .annotate(uses=Count("taggings"))
        .order_by("-uses", "name")
    )


def fandom_unwrangled_counts(fandom: Tag) -> dict[str, int]:
    return {tag_type: fandom_unwrangled(fandom, tag_type).count() for tag_type in BIN_TYPES}


def unwrangled_fandoms() -> QuerySet[Tag]:
    return _unwrangled(TagType.FANDOM).annotate(uses=Count("taggings")).order_by("-uses", "name")


def canonical_fandoms() -> QuerySet[Tag]:
    """Canonical fandoms, top-level ones (no meta tag) with their sub fandoms prefetched."""
    return (
        Tag.objects.filter(type=TagType.FANDOM, canonical=True, meta_links__isnull=True)
        .prefetch_related("sub_tags")
        .order_by("name")
    )


def log_entries(*, tag_name: str = "") -> QuerySet[WranglingLogEntry]:
    entries = WranglingLogEntry.objects.all()
    if tag_name:
        entries = entries.filter(Q(tag_name__iexact=tag_name) | Q(other_name__iexact=tag_name))
    return entries.order_by("-created_at", "-id")


def synonym_suggestions(tag: Tag) -> list[Tag]:
    """Canonical tags an unwrangled tag probably means: a character whose canon nickname it is ("Nat"), the
    canonical relationship a loosely typed relationship names ("nat x steve")."""
    if tag.canonical or tag.type not in (TagType.CHARACTER, TagType.RELATIONSHIP, TagType.FANDOM):
        return []
    from scriptorium.tags.relationships import relationship_canonical_for
    from scriptorium.tags.text import fold

    if tag.type == TagType.RELATIONSHIP:
        found = relationship_canonical_for(tag.name)
        return [found] if found is not None and found.pk != tag.merger_id else []
    return list(
        Tag.objects.filter(type=tag.type, canonical=True, cues__kind="nickname", cues__folded=fold(tag.name))
        .exclude(pk=tag.merger_id or 0)
        .distinct()
        .order_by("name")[:5]
    )


def fandoms_in_use(tag: Tag) -> list[Tag]:
    """Canonical fandoms the works carrying ``tag`` are found under, most common first (each with ``uses``)."""
    if tag.type == TagType.FANDOM:
        return []
    works = tag.taggings.values("work_id")
    return list(
        Tag.objects.filter(type=TagType.FANDOM, canonical=True, filtered_works__work_id__in=works)
        .annotate(uses=Count("filtered_works"))
        .order_by("-uses", "name")[:6]
    )
