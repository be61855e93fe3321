"""What a work's page shows of this app: kudos, comment threads, and the viewer's own relation to the work
(bookmark, Marked for Later, history, mutes and blocks), in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Subquery, Value

from scriptorium.interactions.models import Block, Bookmark, HistoryPause, Mute, Reading, ShelfEntry
from scriptorium.interactions.selectors.comments import ChapterComments, CommentGate, comment_gate, comment_threads
from scriptorium.interactions.selectors.kudos import KudosSummary, kudos_for_page
from scriptorium.works.models import Work
from scriptorium.works.selectors import creator_user_ids, may_moderate

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser

    from scriptorium.works.models import Chapter


@dataclass(frozen=True)
class WorkInteractions:
    kudos: KudosSummary
    gate: CommentGate
    threads: list[ChapterComments]
    may_moderate: bool
    reply_to: int | None


def work_page(
    viewer: Viewer,
    work: Work,
    *,
    shown: list[Chapter],
    creator: bool,
    reply_to: int | None = None,
    guest_key: str | None = None,
    blocked: bool = False,
) -> WorkInteractions:
    """Kudos, chapter kudos and the comment threads of the chapters shown (a fixed number of queries).

    ``blocked``: a creator of the work has blocked the viewer (no comment form). Comments by accounts the
    viewer muted are left out (a placeholder stays only where others replied to them).
    """
    moderator = may_moderate(viewer, work, creator=creator)
    gate = comment_gate(viewer, work, creator=creator, blocked=blocked)
    kudos = kudos_for_page(viewer, work, shown, guest_key=guest_key)
    threads = comment_threads(
        viewer, shown, gate=gate, moderator=moderator, creator_ids=set(creator_user_ids(work)), reply_to=reply_to
    )
    return WorkInteractions(kudos=kudos, gate=gate, threads=threads, may_moderate=moderator, reply_to=reply_to)


@dataclass(frozen=True)
class ViewerState:
    """The viewer's own relation to a work page: bookmark, Marked for Later, history, mutes and blocks."""

    bookmark_id: int | None = None
    marked_for_later: bool = False
    creator_muted: bool = False
    blocked: bool = False
    history_on: bool = False
    last_chapter_id: int | None = None
    last_chapter_position: int | None = None
    paragraph: int = 0
    views: int = 0
    chapters_seen: int = 0  # the work's posted chapters when the viewer last opened it
    shelf: str = ""  # the viewer's shelf for it (a ShelfStatus value), or ""


def work_viewer_state(viewer: Viewer, work: Work) -> ViewerState:
    """Everything about the viewer and this work the page shows, in one query (none for a guest)."""
    if not viewer.is_authenticated:
        return ViewerState()
    creator_ids = creator_user_ids(work)  # prefetched by the work's selector
    reading = Reading.objects.filter(user=viewer, work=OuterRef("pk"))

    def first(queryset, field: str):
        return Subquery(queryset.values(field)[:1])

    row = (
        Work.objects.filter(pk=work.pk)
        .annotate(
            s_bookmark=first(Bookmark.objects.filter(user=viewer, work=OuterRef("pk")), "pk"),
            s_muted=Exists(Mute.objects.filter(muter=viewer, muted_id__in=creator_ids))
            if creator_ids
            else Value(False),
            s_blocked=Exists(Block.objects.filter(blocked=viewer, blocker_id__in=creator_ids))
            if creator_ids
            else Value(False),
            s_paused=Exists(HistoryPause.objects.filter(user=viewer)),
            s_chapter=first(reading, "chapter_id"),
            s_position=first(reading, "chapter__position"),
            s_paragraph=first(reading, "paragraph"),
            s_views=first(reading, "views"),
            s_later=first(reading, "marked_for_later"),
            s_seen=first(reading, "chapters_seen"),
            s_shelf=first(ShelfEntry.objects.filter(user=viewer, work=OuterRef("pk")), "status"),
        )
        .values(
            "s_bookmark",
            "s_muted",
            "s_blocked",
            "s_paused",
            "s_chapter",
            "s_position",
            "s_paragraph",
            "s_views",
            "s_later",
            "s_seen",
            "s_shelf",
        )
        .first()
    )
    if row is None:
        return ViewerState()
    return ViewerState(
        bookmark_id=row["s_bookmark"],
        marked_for_later=bool(row["s_later"]),
        creator_muted=bool(row["s_muted"]),
        blocked=bool(row["s_blocked"]),
        history_on=not row["s_paused"],
        last_chapter_id=row["s_chapter"],
        last_chapter_position=row["s_position"],
        paragraph=row["s_paragraph"] or 0,
        views=row["s_views"] or 0,
        chapters_seen=row["s_seen"] or 0,
        shelf=row["s_shelf"] or "",
    )
