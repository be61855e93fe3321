"""Fandoms by media (``/media``, ``/media/<medium>/fandoms``) and a fandom's top characters and relationships.

Media are tags of their own type, parents of fandoms (``tags.models.TagType.MEDIA``, set by wranglers or the
canon file); a fandom without one is listed under "Uncategorized Fandoms". Counts are of ``reader_works``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from scriptorium.discovery.selectors.readers import reader_works
from scriptorium.tags.models import Tag, TagParent, TagType, WorkFilter
from scriptorium.tags.vocabulary import UNCATEGORIZED_FANDOMS

if TYPE_CHECKING:
    from scriptorium.discovery.selectors.readers import Viewer

#: Fandoms shown under each medium on /media (the rest are on the medium's own page).
TOP_FANDOMS = 5
#: Characters and relationships shown on a fandom's page.
TOP_CHILDREN = 10


@dataclass(frozen=True)
class FandomCount:
    tag: Tag
    works: int


@dataclass
class Medium:
    tag: Tag
    fandoms: list[FandomCount] = field(default_factory=list)

    @property
    def top(self) -> list[FandomCount]:
        """The most used fandoms (with works), most works first."""
        used = [f for f in self.fandoms if f.works]
        return sorted(used, key=lambda f: (-f.works, f.tag.name.casefold()))[:TOP_FANDOMS]

    @property
    def works_total(self) -> int:
        return sum(f.works for f in self.fandoms)

    @property
    def with_works(self) -> int:
        return sum(1 for f in self.fandoms if f.works)


def _fandom_counts(works: QuerySet) -> dict[int, int]:
    """Filter tag id → how many of ``works`` are found under it, for every fandom tag (one grouped query)."""
    rows = (
        WorkFilter.objects.filter(work__in=works, tag__type=TagType.FANDOM)
        .values_list("tag_id")
        .annotate(n=Count("work_id"))
        .order_by()
    )
    return dict(rows)


def _media(user: Viewer) -> list[Medium]:
    counts = _fandom_counts(reader_works(user))
    # Canonical fandoms, and unwrangled ones that a listed work carries (their names are shown only then).
    fandoms = Tag.objects.filter(type=TagType.FANDOM, merger__isnull=True).filter(
        Q(canonical=True) | Q(pk__in=list(counts))
    )
    media = {t.pk: Medium(tag=t) for t in Tag.objects.filter(type=TagType.MEDIA, canonical=True)}
    parents: dict[int, list[int]] = {}
    for child_id, parent_id in TagParent.objects.filter(
        child__type=TagType.FANDOM, parent__type=TagType.MEDIA, parent__canonical=True
    ).values_list("child_id", "parent_id"):
        parents.setdefault(child_id, []).append(parent_id)
    uncategorized = next((m for m in media.values() if m.tag.name == UNCATEGORIZED_FANDOMS), None)
    for fandom in fandoms.only("name", "type", "canonical", "merger"):
        row = FandomCount(tag=fandom, works=counts.get(fandom.pk, 0))
        homes = [media[p] for p in parents.get(fandom.pk, ()) if p in media]
        if not homes and uncategorized is not None:
            homes = [uncategorized]
        for medium in homes:
            medium.fandoms.append(row)
    for medium in media.values():
        medium.fandoms.sort(key=lambda f: f.tag.name.casefold())
    return sorted(media.values(), key=lambda m: (m.tag.name == UNCATEGORIZED_FANDOMS, m.tag.name.casefold()))


def media_index(user: Viewer) -> list[Medium]:
    """Every medium with its fandoms (A–Z) and each fandom's count of works listed for ``user``."""
    return _media(user)


def medium_named(name: str) -> Tag | None:
    return Tag.objects.named(name).filter(type=TagType.MEDIA, canonical=True).first()


def medium_fandoms(user: Viewer, medium: Tag) -> Medium:
    """One medium's fandoms, A–Z, with their counts."""
    found = next((m for m in _media(user) if m.tag.pk == medium.pk), None)
    return found or Medium(tag=medium)


def by_letter(fandoms: list[FandomCount]) -> list[tuple[str, list[FandomCount]]]:
    """Fandoms grouped under their first letter (A–Z; "#" for digits and signs; other scripts as they are)."""
    groups: dict[str, list[FandomCount]] = {}
    for fandom in fandoms:
        first = fandom.tag.name[:1].upper()
        letter = first if first.isalpha() else "#"
        groups.setdefault(letter, []).append(fandom)
    return sorted(groups.items(), key=lambda item: (item[0] != "#", item[0]))


@dataclass
class FandomPage:
    fandom: Tag
    works: int
    media: list[Tag]
    characters: list[FandomCount]
    relationships: list[FandomCount]


def _top(works: QuerySet, tag_type: str) -> list[FandomCount]:
    rows = list(
        WorkFilter.objects.filter(work__in=works, tag__type=tag_type)
        .values_list("tag_id")
        .annotate(n=Count("work_id"))
        .order_by("-n", "tag__name")[:TOP_CHILDREN]
    )
    tags = Tag.objects.in_bulk([tag_id for tag_id, _ in rows])
    return [FandomCount(tag=tags[tag_id], works=n) for tag_id, n in rows if tag_id in tags]


def fandom_page(user: Viewer, fandom: Tag) -> FandomPage:
    """A fandom's most used characters and relationships among the works listed for ``user`` that are found under
    it (its synonyms and sub fandoms too, through the filter table), most works first."""
    works = reader_works(user).filter(pk__in=WorkFilter.objects.filter(tag_id=fandom.filter_tag_id).values("work_id"))
    return FandomPage(
        fandom=fandom,
        works=works.count(),
        media=list(fandom.parents.filter(type=TagType.MEDIA).order_by("name")),
        characters=_top(works, TagType.CHARACTER),
        relationships=_top(works, TagType.RELATIONSHIP),
    )
