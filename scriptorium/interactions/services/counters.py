"""Counters rebuilt from the rows they count: ``scriptorium counters recount``, and the test that incremental
counting never drifts from it.

- ``kudos_count``: kudos on the work as a whole (chapter kudos are counted per chapter, on the fly);
- ``comments_count``: published comments that are not deleted;
- ``hits_count``: the sum of the work's daily hit tallies (hits still in the cache buffer count after a flush);
- ``bookmarks_count``: public (not private) bookmarks of the work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from scriptorium.interactions.models import Bookmark, Comment, CommentState, HitTally, Kudos
from scriptorium.works.models import Work

COUNTERS = ("kudos_count", "comments_count", "hits_count", "bookmarks_count")


@dataclass(frozen=True)
class RecountResult:
    works: int
    changed: int


def _subquery_count(queryset, field: str = "pk", function=Count):
    totals = queryset.filter(work=OuterRef("pk")).order_by().values("work").annotate(total=function(field))
    return Coalesce(Subquery(totals.values("total"), output_field=IntegerField()), Value(0))


def counters_expected(work_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """What each work's counters should be, read from the rows (one query)."""
    works = Work.objects.all() if work_ids is None else Work.objects.filter(pk__in=list(work_ids))
    rows = works.annotate(
        real_kudos=_subquery_count(Kudos.objects.filter(chapter__isnull=True)),
        real_comments=_subquery_count(Comment.objects.filter(state=CommentState.PUBLISHED, deleted=False)),
        real_hits=_subquery_count(HitTally.objects.all(), "count", Sum),
        real_bookmarks=_subquery_count(Bookmark.objects.filter(private=False)),
    ).values_list("pk", "real_kudos", "real_comments", "real_hits", "real_bookmarks")
    return {
        pk: {"kudos_count": kudos, "comments_count": comments, "hits_count": hits, "bookmarks_count": bookmarks}
        for pk, kudos, comments, hits, bookmarks in rows
    }


def counters_current(work_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    works = Work.objects.all() if work_ids is None else Work.objects.filter(pk__in=list(work_ids))
    return {row.pop("pk"): row for row in works.values("pk", *COUNTERS)}


def counters_recount(work_ids: Iterable[int] | None = None, *, batch: int = 500) -> RecountResult:
    """Set every work's counters (or those of ``work_ids``) to what the rows say; answer how many changed."""
    ids = list(Work.objects.values_list("pk", flat=True)) if work_ids is None else list(work_ids)
    changed = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            # Lock the works first: a kudos or comment still in flight then adds its +1 after this recount
            # (its UPDATE waits for the lock) or is already committed and counted here, never lost.
            list(Work.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
            expected = counters_expected(chunk)
            current = counters_current(chunk)
            for pk, values in expected.items():
                if current.get(pk) != values:
                    Work.objects.filter(pk=pk).update(**values)
                    changed += 1
    return RecountResult(works=len(ids), changed=changed)
