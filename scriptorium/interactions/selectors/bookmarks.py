"""Reads for bookmark pages, in a fixed number of queries however many bookmarks a page shows.

Each bookmark comes with what it points at: a work ready for its blurb, a series with its creators, or an
external work. ``available`` on the work or series says whether the viewer may still open it: a bookmarked
work that became a draft (or is restricted, for a guest) stays on the page as "not available".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from scriptorium.accounts.models import Pseud
from scriptorium.interactions.models import Bookmark
from scriptorium.works.models import Series, SeriesPart, Work
from scriptorium.works.selectors import blurb_queryset

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser

#: Bookmarks per page.
BOOKMARKS_PER_PAGE = 20


def _with_targets(bookmarks: QuerySet[Bookmark], viewer: Viewer) -> QuerySet[Bookmark]:
    listed = Work.objects.listed_for(viewer)
    works = blurb_queryset(Work.objects.all()).annotate(available=Exists(listed.filter(pk=OuterRef("pk"))))
    series = Series.objects.annotate(
        available=Exists(SeriesPart.objects.filter(series=OuterRef("pk"), work__in=listed.values("pk")))
    ).prefetch_related(Prefetch("creators", queryset=Pseud.objects.select_related("user").order_by("name")))
    return bookmarks.select_related("user", "external").prefetch_related(
        Prefetch("work", queryset=works), Prefetch("series", queryset=series)
    )


def bookmarks_ready(bookmarks: QuerySet[Bookmark], viewer: Viewer) -> QuerySet[Bookmark]:
    """``bookmarks`` with what each points at, ready for ``interactions/_bookmark.html`` (bookmark search)."""
    return _with_targets(bookmarks, viewer)


def bookmarks_of_user(
    viewer: Viewer, owner: User, *, recs_only: bool = False, shown: Q | None = None
) -> QuerySet[Bookmark]:
    """``owner``'s bookmarks, newest first: all of them for the owner, the public ones for anyone else.
    ``recs_only``: just the ones marked as recommendations. ``shown``: a filter on the bookmarks (the viewer's
    blocklist, from the page: ``search.blocking``)."""
    mine = Bookmark.objects.filter(user=owner)
    if shown is not None:
        mine = mine.filter(shown)
    if recs_only:
        mine = mine.filter(rec=True)
    if not (viewer.is_authenticated and viewer.pk == owner.pk):
        mine = mine.filter(private=False)
    return _with_targets(mine, viewer).order_by("-created_at", "-id")


def bookmarks_of_work(viewer: Viewer, work: Work) -> QuerySet[Bookmark]:
    """The public bookmarks of a work, newest first (with the viewer's own private one, if any)."""
    public = Bookmark.objects.filter(work=work, private=False)
    if viewer.is_authenticated:
        public = Bookmark.objects.filter(work=work).filter(private=False) | Bookmark.objects.filter(
            work=work, user=viewer
        )
    return public.select_related("user").order_by("-created_at", "-id")


def bookmark_of(viewer: Viewer, *, work: Work | None = None, series: Series | None = None) -> Bookmark | None:
    """The viewer's own bookmark of this work or series, if they made one."""
    if not viewer.is_authenticated:
        return None
    if work is not None:
        return Bookmark.objects.filter(user=viewer, work=work).first()
    return Bookmark.objects.filter(user=viewer, series=series).first()


def own_bookmark(viewer: Viewer, bookmark_id: int) -> Bookmark | None:
    """One of the viewer's bookmarks (None for anyone else's, as for a missing one)."""
    if not viewer.is_authenticated:
        return None
    return Bookmark.objects.select_related("work", "series", "external").filter(pk=bookmark_id, user=viewer).first()
