"""A reader's own signals on works: chapters posted since they last read a work ("updated since you read") and
where it stands on their shelf (reading, to read, finished, dropped); and the works to pick up again.

Listings mark their works with these in one query (``reader_signals_mark``); the blurb shows them in a slot of
its own, outside the blurb cache (``works.templatetags.blurbs``), since they differ per reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from scriptorium.interactions.models import Reading, ShelfEntry, ShelfStatus
from scriptorium.works.models import Chapter, Work
from scriptorium.works.selectors import blurb_queryset

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser

#: What a shelf is called where it is listed: the status as a page heading and in the blurb ("On your shelf: …").
SHELF_TITLES = {
    ShelfStatus.READING: "Reading",
    ShelfStatus.TO_READ: "To read",
    ShelfStatus.FINISHED: "Finished",
    ShelfStatus.DROPPED: "Dropped",
}


@dataclass(frozen=True)
class ReaderSignal:
    new_chapters: int = 0  # posted since the reader last opened the work
    shelf: str = ""  # a ShelfStatus value, or "" when the work is on no shelf

    @property
    def shelf_label(self) -> str:
        return ShelfStatus(self.shelf).label if self.shelf else ""

    def __bool__(self) -> bool:
        return bool(self.new_chapters or self.shelf)


def new_chapters(chapter_count: int, chapters_seen: int | None, views: int | None) -> int:
    """Chapters posted since the last reading (none for a work never read, or read and cleared from history)."""
    if not views or chapters_seen is None:
        return 0
    return max(0, chapter_count - chapters_seen)


def reader_signals(viewer: Viewer, works: Iterable[Work]) -> dict[int, ReaderSignal]:
    """Each work's signal for ``viewer`` (only works with one), in one query; none for a guest."""
    by_id = {work.pk: work for work in works}
    if not viewer.is_authenticated or not by_id:
        return {}
    reading = Reading.objects.filter(user=viewer, work=OuterRef("pk"), views__gt=0)
    shelf = ShelfEntry.objects.filter(user=viewer, work=OuterRef("pk"))
    rows = (
        Work.objects.filter(pk__in=by_id)
        .annotate(
            r_seen=Subquery(reading.values("chapters_seen")[:1]),
            r_views=Subquery(reading.values("views")[:1]),
            r_shelf=Subquery(shelf.values("status")[:1]),
        )
        .filter(Q(r_views__isnull=False) | Q(r_shelf__isnull=False))
        .values_list("pk", "r_seen", "r_views", "r_shelf")
    )
    found = {}
    for pk, seen, views, status in rows:
        signal = ReaderSignal(new_chapters(by_id[pk].chapter_count, seen, views), status or "")
        if signal:
            found[pk] = signal
    return found


def reader_signals_mark(viewer: Viewer, works: list[Work]) -> list[Work]:
    """Set ``reader_signal`` on each work (a ReaderSignal, empty for most) for its blurb; answers ``works``."""
    found = reader_signals(viewer, works)
    for work in works:
        work.reader_signal = found.get(work.pk, ReaderSignal())
    return works


def posted_chapter_at(work: Work, index: int) -> Chapter | None:
    """The work's posted chapter at this 0-based place (the first new one after ``index`` seen)."""
    return (
        Chapter.objects.filter(work=work, published_on__isnull=False)
        .order_by("position", "id")
        .only("id", "work_id", "position", "title")[index : index + 1]
        .first()
    )


def shelf_status(viewer: Viewer, work_id: int) -> str:
    if not viewer.is_authenticated:
        return ""
    return ShelfEntry.objects.filter(user=viewer, work_id=work_id).values_list("status", flat=True).first() or ""


def shelf_entries(viewer: User) -> QuerySet[ShelfEntry]:
    """Every work on the reader's shelves (for their data export), each with ``available``: whether they may
    open it now."""
    visible = Work.objects.visible_to(viewer).filter(pk=OuterRef("work_id"))
    return (
        ShelfEntry.objects.filter(user=viewer)
        .select_related("work")
        .only("id", "status", "updated_at", "work__id", "work__title")
        .annotate(available=Exists(visible))
        .order_by("status", "-updated_at", "-id")
    )


def shelf_counts(viewer: User) -> dict[str, int]:
    """How many works the reader has on each shelf (all of them, whether listed now or not)."""
    counts = dict.fromkeys(ShelfStatus.values, 0)
    for status in ShelfEntry.objects.filter(user=viewer).values_list("status", flat=True):
        counts[status] += 1
    return counts


def pick_up_readings(viewer: Viewer, *, count: int) -> list[Reading]:
    """Works to pick up where the reader left off: those with chapters posted since they read them first, then
    those read most recently with chapters still ahead of the last one opened; finished or dropped works (on
    the shelf) left out. Only works the reader may open, ready for blurbs."""
    if not viewer.is_authenticated:
        return []
    listed = Work.objects.listed_for(viewer).values("pk")
    last_position = Subquery(
        Chapter.objects.filter(work=OuterRef("work"), published_on__isnull=False)
        .order_by("-position")
        .values("position")[:1]
    )
    readings = (
        Reading.objects.filter(user=viewer, views__gt=0, work__in=listed)
        .exclude(work__shelf_entries__user=viewer, work__shelf_entries__status__in=_DONE)
        .annotate(last_position=last_position)
        .filter(
            Q(work__chapter_count__gt=F("chapters_seen"))
            | Q(chapter__isnull=False, chapter__position__lt=F("last_position"))
        )
    )
    return list(_with_blurbs(readings).order_by("-last_read_at", "-id")[:count])


_DONE = (ShelfStatus.FINISHED, ShelfStatus.DROPPED)


def _with_blurbs(readings: QuerySet[Reading]) -> QuerySet[Reading]:
    return readings.select_related("chapter").prefetch_related(
        Prefetch("work", queryset=blurb_queryset(Work.objects.all()))
    )
