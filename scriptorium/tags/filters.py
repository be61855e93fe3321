"""The filter table (``WorkFilter``): every tag a work must be found under, kept current.

A work is found under the canonical tag of each of its tags (a synonym's merger; a canonical or unwrangled tag
counts as itself) and under every meta tag of those, transitively. Listings read only this table, so
"Marvel Cinematic Universe" finds a work tagged only "The Avengers (Marvel Movies)" with one indexed lookup.

Two ways in: ``work_filters_refresh(work_ids=…)`` after a work's taggings change (works.services calls it), and
``filters_refresh_for_tags(…)`` after a wrangling change, which refreshes the works carrying the changed tags
inline when they are few and otherwise records a ``FilterRefresh`` and runs it in a background task after the
commit. ``work_filters_rebuild()`` recomputes everything (``scriptorium tags rebuild-filters``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from scriptorium.tags import events
from scriptorium.tags.models import FilterRefresh, MetaTagging, Tag, WorkFilter

#: Works refreshed inline by a wrangling change; more go to a background task (SCRIPTORIUM_TAG_FILTERS_INLINE_MAX).
DEFAULT_INLINE_MAX = 500
CHUNK = 500


def inline_max() -> int:
    return int(getattr(settings, "SCRIPTORIUM_TAG_FILTERS_INLINE_MAX", DEFAULT_INLINE_MAX))


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def meta_edges_above(tag_ids: set[int]) -> dict[int, set[int]]:
    """sub id → meta ids for every meta link reachable upwards from ``tag_ids`` (one query per level)."""
    edges: dict[int, set[int]] = {}
    seen = set(tag_ids)
    frontier = set(tag_ids)
    while frontier:
        found: set[int] = set()
        for sub_id, meta_id in MetaTagging.objects.filter(sub_id__in=frontier).values_list("sub_id", "meta_id"):
            edges.setdefault(sub_id, set()).add(meta_id)
            found.add(meta_id)
        frontier = found - seen
        seen |= frontier
    return edges


def meta_edges_all() -> dict[int, set[int]]:
    """sub id → meta ids for every meta link (for rebuilds, which touch every tag)."""
    edges: dict[int, set[int]] = {}
    for sub_id, meta_id in MetaTagging.objects.values_list("sub_id", "meta_id"):
        edges.setdefault(sub_id, set()).add(meta_id)
    return edges


def tags_above(tag_id: int, edges: dict[int, set[int]], memo: dict[int, frozenset[int]]) -> frozenset[int]:
    """``tag_id`` and all its meta tags, transitively (cycles, which services forbid, cannot loop)."""
    if tag_id in memo:
        return memo[tag_id]
    found = {tag_id}
    stack = [tag_id]
    while stack:
        for meta_id in edges.get(stack.pop(), ()):
            if meta_id not in found:
                found.add(meta_id)
                stack.append(meta_id)
    memo[tag_id] = frozenset(found)
    return memo[tag_id]


def _refresh_chunk(work_ids: list[int], edges: dict[int, set[int]] | None = None, new: bool = False) -> tuple[int, int]:
    """Make the filter rows of these works what their taggings call for. Returns (added, removed). ``new``: works
    created in this transaction, which have no filter rows yet."""
    taggings = list(
        Tag.objects.filter(taggings__work_id__in=work_ids).values_list("taggings__work_id", "pk", "merger_id")
    )
    bases = {merger_id or tag_id for _, tag_id, merger_id in taggings}
    if edges is None:
        edges = meta_edges_above(bases)
    memo: dict[int, frozenset[int]] = {}
    wanted = {
        (work_id, filter_id)
        for work_id, tag_id, merger_id in taggings
        for filter_id in tags_above(merger_id or tag_id, edges, memo)
    }
    existing = (
        {}
        if new
        else {
            (work_id, tag_id): pk
            for pk, work_id, tag_id in WorkFilter.objects.filter(work_id__in=work_ids).values_list(
                "pk", "work_id", "tag_id"
            )
        }
    )
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    if stale:
        WorkFilter.objects.filter(pk__in=stale).delete()
    missing = [WorkFilter(work_id=w, tag_id=t) for w, t in sorted(wanted - existing.keys())]
    if missing:
        WorkFilter.objects.bulk_create(missing, batch_size=CHUNK, ignore_conflicts=True)
    return len(missing), len(stale)


def work_filters_refresh(*, work_ids: Iterable[int], new: bool = False) -> None:
    """Recompute the filter rows of these works from their taggings. Call after changing a work's taggings,
    inside the same transaction (``new``: works that transaction created, with no filter rows yet)."""
    with transaction.atomic():
        for chunk in _chunks(work_ids):
            _refresh_chunk(chunk, new=new)


@dataclass(frozen=True)
class RebuildResult:
    works: int
    rows: int
    added: int
    removed: int
    refreshes_closed: int


def work_filters_rebuild() -> RebuildResult:
    """Recompute the whole filter table from the taggings and the wrangling (one transaction per chunk)."""
    works = WorkFilter._meta.get_field("work").related_model  # the tags app knows works through its relations
    edges = meta_edges_all()
    work_ids = list(works.objects.values_list("pk", flat=True))
    added = removed = 0
    for chunk in _chunks(work_ids):
        with transaction.atomic():
            a, r = _refresh_chunk(chunk, edges)
        added, removed = added + a, removed + r
    closed = FilterRefresh.objects.exclude(status=FilterRefresh.Status.DONE).update(
        status=FilterRefresh.Status.DONE, finished_at=timezone.now()
    )
    return RebuildResult(
        works=len(work_ids), rows=WorkFilter.objects.count(), added=added, removed=removed, refreshes_closed=closed
    )


def tags_found_through(tag_ids: Iterable[int]) -> set[int]:
    """The tags whose taggings put works under any of ``tag_ids``: these, their synonyms and sub tags
    (transitively) and those tags' synonyms. Works carrying them are the ones a change of ``tag_ids`` moves."""
    seen = set(tag_ids)
    frontier = set(seen)
    while frontier:
        subs = set(MetaTagging.objects.filter(meta_id__in=frontier).values_list("sub_id", flat=True))
        synonyms = set(Tag.objects.filter(merger_id__in=frontier).values_list("pk", flat=True))
        frontier = (subs | synonyms) - seen
        seen |= frontier
    return seen


def _work_ids_carrying(tag_ids: Iterable[int]) -> list[int]:
    return list(
        Tag.objects.filter(pk__in=list(tag_ids), taggings__isnull=False)
        .values_list("taggings__work_id", flat=True)
        .distinct()
    )


def filters_refresh_for_tags(
    *, tag_ids: Iterable[int], description: str, actor: object | None = None, background: bool | None = None
) -> FilterRefresh | None:
    """Refresh the filters of the works carrying ``tag_ids`` (computed with ``tags_found_through`` *before*
    the change). Few works: now, in the caller's transaction. More than SCRIPTORIUM_TAG_FILTERS_INLINE_MAX:
    a pending ``FilterRefresh`` (returned) whose task is enqueued once the caller's transaction commits."""
    tag_ids = sorted(set(tag_ids))
    work_ids = _work_ids_carrying(tag_ids)
    if background is None:
        background = len(work_ids) > inline_max()
    if not background:
        work_filters_refresh(work_ids=work_ids)
        return None
    refresh = FilterRefresh.objects.create(
        description=description[:300], tag_ids=tag_ids, work_count=len(work_ids), actor=actor
    )
    transaction.on_commit(lambda: _enqueue(refresh.pk))
    return refresh


def _enqueue(refresh_id: int) -> None:
    from scriptorium.tags.tasks import filters_refresh_task

    filters_refresh_task.enqueue(refresh_id)


def filter_refresh_run(*, refresh_id: int) -> int:
    """Run one pending refresh (the background task's body). Returns how many works it refreshed."""
    refresh = FilterRefresh.objects.filter(pk=refresh_id, status=FilterRefresh.Status.PENDING).first()
    if refresh is None:
        return 0
    try:
        work_ids = _work_ids_carrying(refresh.tag_ids)
        for chunk in _chunks(work_ids):
            with transaction.atomic():
                _refresh_chunk(chunk)
    except Exception:
        FilterRefresh.objects.filter(pk=refresh_id).update(
            status=FilterRefresh.Status.FAILED, finished_at=timezone.now()
        )
        raise
    FilterRefresh.objects.filter(pk=refresh_id).update(status=FilterRefresh.Status.DONE, finished_at=timezone.now())
    if refresh.tag_ids:  # the works found under these tags moved: one announcement says so
        events.tag_wrangled.announce(tag_id=refresh.tag_ids[0])
    return len(work_ids)


def pending_refreshes() -> list[FilterRefresh]:
    """Background refreshes not finished yet (listings do not show their changes yet)."""
    return list(FilterRefresh.objects.exclude(status=FilterRefresh.Status.DONE).select_related("actor")[:20])
