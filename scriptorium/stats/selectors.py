"""Reads for writer statistics: totals per work, daily series per work, and per-chapter counts.

Only a work's creators (and staff, for one work's page) see its statistics; any other work answers as a
missing one. Hits per day come from the hits flush's ``HitTally`` rows (per work) and ``ChapterHitTally``
(readers who opened a chapter on its own page); kudos, comments, bookmarks and subscriptions are counted from
their rows by the day they were made (in the archive's time zone).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from scriptorium.interactions.models import Bookmark, ChapterHitTally, Comment, CommentState, HitTally, Kudos
from scriptorium.notifications.models import Subscription, SubscriptionKind
from scriptorium.works.models import Chapter, Work
from scriptorium.works.selectors import work_or_404

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

METRICS = {
    "hits": "Hits",
    "kudos": "Kudos",
    "comments": "Comments",
    "bookmarks": "Bookmarks",
    "subscriptions": "Subscriptions",
}
#: How the works list may be sorted: parameter -> field.
SORTS = {
    "title": "title",
    "posted": "published_on",
    "words": "word_count",
    "hits": "hits_count",
    "kudos": "kudos_count",
    "comments": "comments_count",
    "bookmarks": "bookmarks_count",
    "subscriptions": "subscriptions_total",
}
RANGES = (30, 90, 365)


def _subscriptions_count() -> Subquery:
    rows = (
        Subscription.objects.filter(kind=SubscriptionKind.WORK, work=OuterRef("pk"))
        .order_by()
        .values("work")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def my_works(user: User, *, sort: str = "hits", descending: bool = True) -> list[Work]:
    """The posted works credited to ``user`` with their counters and subscriptions (one query)."""
    key = SORTS.get(sort, "hits_count")
    order = [f"-{key}" if descending else key, "title" if key != "title" else "-id"]
    if key == "title":
        order = ["title" if not descending else "-title", "id"]
    return list(
        Work.objects.created_by(user)
        .filter(posted=True)
        .annotate(subscriptions_total=_subscriptions_count())
        .only(
            "id",
            "title",
            "published_on",
            "word_count",
            "chapter_count",
            "expected_chapters",
            "hits_count",
            "kudos_count",
            "comments_count",
            "bookmarks_count",
        )
        .order_by(*order)
    )


def totals(works: list[Work]) -> dict[str, int]:
    return {
        "words": sum(w.word_count for w in works),
        "hits": sum(w.hits_count for w in works),
        "kudos": sum(w.kudos_count for w in works),
        "comments": sum(w.comments_count for w in works),
        "bookmarks": sum(w.bookmarks_count for w in works),
        "subscriptions": sum(w.subscriptions_total for w in works),
    }


def work_for_stats(user: User | AnonymousUser, work_id: int) -> Work:
    """The work if ``user`` may see its statistics (a creator, or staff: ``Work.objects.moderated_by``, for a work
    they may open: not someone else's draft), else the 404 a missing work answers."""
    works = (Work.objects.moderated_by(user) & Work.objects.visible_to(user)).annotate(
        subscriptions_total=_subscriptions_count()
    )
    return work_or_404(works, work_id)


@dataclass
class Series:
    """One metric's count for each day from ``start`` to ``end`` (days without any count as 0)."""

    metric: str
    start: datetime.date
    end: datetime.date
    by_day: dict[datetime.date, int] = field(default_factory=dict)

    @property
    def days(self) -> list[tuple[datetime.date, int]]:
        span = (self.end - self.start).days + 1
        return [(day, self.by_day.get(day, 0)) for day in (self.start + datetime.timedelta(n) for n in range(span))]

    @property
    def total(self) -> int:
        return sum(self.by_day.values())


def _per_day(rows: QuerySet, start: datetime.date, end: datetime.date) -> dict[datetime.date, int]:
    counted = (
        rows.annotate(day=TruncDate("created_at"))
        .filter(day__gte=start, day__lte=end)
        .order_by()
        .values("day")
        .annotate(n=Count("pk"))
    )
    return {row["day"]: row["n"] for row in counted}


def daily(work: Work, *, days: int, today: datetime.date | None = None) -> dict[str, Series]:
    """Each metric per day over the last ``days`` days (five queries)."""
    end = today or timezone.localdate()
    start = end - datetime.timedelta(days=days - 1)
    hits = dict(HitTally.objects.filter(work=work, day__gte=start, day__lte=end).values_list("day", "count"))
    sources = {
        "kudos": Kudos.objects.filter(work=work, chapter__isnull=True),
        "comments": Comment.objects.filter(work=work).counted(),
        "bookmarks": Bookmark.objects.filter(work=work, private=False),
        "subscriptions": Subscription.objects.filter(kind=SubscriptionKind.WORK, work=work),
    }
    result = {"hits": Series("hits", start, end, hits)}
    for metric, rows in sources.items():
        result[metric] = Series(metric, start, end, _per_day(rows, start, end))
    return result


def chapter_rows(work: Work) -> list[Chapter]:
    """The work's chapters with their own hits (readers who opened the chapter on its own page), kudos and
    (published, not deleted) comments (one query)."""
    hits = (
        ChapterHitTally.objects.filter(chapter=OuterRef("pk"))
        .order_by()
        .values("chapter")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return list(
        Chapter.objects.filter(work=work)
        .annotate(
            hits_total=Coalesce(Subquery(hits, output_field=IntegerField()), 0),
            kudos_total=Count("kudos", distinct=True),
            comments_total=Count(
                "comments", filter=Q(comments__state=CommentState.PUBLISHED, comments__deleted=False), distinct=True
            ),
        )
        .only("id", "work_id", "position", "title", "word_count", "published_on")
        .order_by("position", "id")
    )
