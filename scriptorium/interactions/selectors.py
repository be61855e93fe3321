"""Reads for kudos and comments on a work's page, in a fixed number of queries however many there are.

``work_page(...)`` gathers everything the includes (``interactions/_kudos.html``, ``_comments.html``,
``_chapter_kudos.html``) show; comment threads are built in Python from one query and flattened into rows,
so the template needs no recursion however deep a thread goes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value

from scriptorium.interactions.models import Block, Bookmark, Comment, CommentState, HistoryPause, Kudos, Mute, Reading
from scriptorium.works.models import Chapter, Work
from scriptorium.works.models.work import CommentPermission

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser

#: How many account names the kudos line shows before "and N more".
KUDOS_NAMES_SHOWN = 50


@dataclass(frozen=True)
class KudosSummary:
    names: list[str]
    accounts: int
    guests: int
    given: bool  # the viewer has left kudos on the work

    @property
    def more(self) -> int:
        return max(0, self.accounts - len(self.names))

    @property
    def total(self) -> int:
        return self.accounts + self.guests


@dataclass(frozen=True)
class CommentGate:
    """Whether the viewer may comment on the work, and if not, why (shown instead of the form)."""

    open: bool
    guest: bool
    reason: str = ""


@dataclass
class CommentNode:
    comment: Comment
    depth: int
    children: list[CommentNode] = field(default_factory=list)
    by_creator: bool = False
    can_reply: bool = False
    can_edit: bool = False
    can_delete: bool = False
    can_moderate: bool = False
    frozen: bool = False
    replying: bool = False  # the no-JS reply form is open under this comment
    muted: bool = False  # its author is muted by the viewer: shown, if at all, as a placeholder


@dataclass(frozen=True)
class Row:
    """One step of a flattened thread: a comment (its ``<li>``, opening a reply list when it has replies), or
    the end of a reply list (``node`` None)."""

    node: CommentNode | None


@dataclass
class ChapterComments:
    chapter: Chapter
    rows: list[Row]
    count: int  # published, not deleted
    held: int  # awaiting approval, among those the viewer sees


@dataclass(frozen=True)
class WorkInteractions:
    kudos: KudosSummary
    gate: CommentGate
    threads: list[ChapterComments]
    may_moderate: bool
    reply_to: int | None


def comment_gate(viewer: Viewer, work: Work, *, creator: bool, blocked: bool = False) -> CommentGate:
    guest = not viewer.is_authenticated
    if blocked and not creator:
        return CommentGate(False, guest, "The creator of this work has blocked you, so you can’t comment on it.")
    if not work.posted:
        return CommentGate(False, guest, "Comments open once the work is posted.")
    if work.comment_permission == CommentPermission.OFF:
        return CommentGate(False, guest, "The creator has turned off comments on this work.")
    if work.comment_permission == CommentPermission.ACCOUNTS and guest and not creator:
        return CommentGate(False, guest, "Only readers with an account can comment on this work.")
    return CommentGate(True, guest)


def _mine(viewer: Viewer, guest_key: str | None) -> Q:
    if viewer.is_authenticated:
        return Q(user=viewer)
    if guest_key:
        return Q(user__isnull=True, guest_key=guest_key)
    return Q(pk__in=[])


def kudos_for_page(
    viewer: Viewer, work: Work, chapters: list[Chapter], *, guest_key: str | None = None
) -> KudosSummary:
    """Kudos on the work (who: accounts newest first, and how many guests) and on each of ``chapters`` (set as
    ``kudos_total`` and ``kudos_given`` on them). One grouped query, and one for the names when there are any."""
    rows = (
        Kudos.objects.filter(Q(chapter__isnull=True) | Q(chapter__in=[c.pk for c in chapters]), work=work)
        .order_by()
        .values("chapter")
        .annotate(
            accounts=Count("pk", filter=Q(user__isnull=False)),
            guests=Count("pk", filter=Q(user__isnull=True)),
            mine=Count("pk", filter=_mine(viewer, guest_key)),
        )
    )
    found = {row["chapter"]: row for row in rows}
    for chapter in chapters:
        row = found.get(chapter.pk, {"accounts": 0, "guests": 0, "mine": 0})
        chapter.kudos_total = row["accounts"] + row["guests"]
        chapter.kudos_given = bool(row["mine"])
    totals = found.get(None, {"accounts": 0, "guests": 0, "mine": 0})
    names: list[str] = []
    if totals["accounts"]:
        names = list(
            Kudos.objects.on_work(work).from_accounts().values_list("user__username", flat=True)[:KUDOS_NAMES_SHOWN]
        )
    return KudosSummary(names=names, accounts=totals["accounts"], guests=totals["guests"], given=bool(totals["mine"]))


def _flatten(nodes: list[CommentNode]) -> list[Row]:
    rows: list[Row] = []
    stack: list[list[CommentNode] | None] = [list(reversed(nodes))]
    while stack:
        top = stack[-1]
        if top is None:  # the end of a reply list
            stack.pop()
            rows.append(Row(None))
            continue
        if not top:
            stack.pop()
            continue
        node = top.pop()
        rows.append(Row(node))
        if node.children:
            stack.append(None)
            stack.append(list(reversed(node.children)))
    return rows


def _nodes_for(
    comments: list[Comment],
    viewer: Viewer,
    *,
    gate: CommentGate,
    may_moderate: bool,
    creator_ids: set[int],
    reply_to: int | None,
) -> list[CommentNode]:
    by_id = {c.pk: CommentNode(comment=c, depth=0) for c in comments}
    roots: list[CommentNode] = []
    frozen_roots = {c.pk for c in comments if c.frozen and c.thread_id is None}
    for comment in comments:  # oldest first, so parents come before their replies
        node = by_id[comment.pk]
        parent = by_id.get(comment.parent_id) if comment.parent_id else None
        node.depth = parent.depth + 1 if parent else 0
        (parent.children if parent else roots).append(node)
        live = not comment.deleted
        published = comment.state == CommentState.PUBLISHED
        own = viewer.is_authenticated and comment.user_id == viewer.pk
        node.muted = bool(getattr(comment, "muted_author", False))
        live = live and not node.muted
        node.frozen = (comment.thread_id or comment.pk) in frozen_roots
        node.by_creator = comment.user_id in creator_ids
        node.can_reply = gate.open and live and published and not node.frozen
        node.can_reply = node.can_reply and not getattr(comment, "blocks_me", False)
        node.can_edit = own and live and not node.frozen
        node.can_delete = live and (own or may_moderate)
        node.can_moderate = may_moderate and live
        node.replying = node.can_reply and reply_to == comment.pk
    # Drop deleted comments with nothing left under them (a placeholder is only there for its replies).
    # Replies come after their parents, so going backwards settles every reply before its parent.
    removed: set[int] = set()
    for comment in reversed(comments):
        node = by_id[comment.pk]
        node.children = [child for child in node.children if child.comment.pk not in removed]
        if (comment.deleted or node.muted) and not node.children:
            removed.add(comment.pk)
    return [node for node in roots if node.comment.pk not in removed]


def _with_relations(comments: QuerySet[Comment], viewer: Viewer) -> QuerySet[Comment]:
    """Mark, inside the query, comments whose author the viewer muted and authors who blocked the viewer."""
    if not viewer.is_authenticated:
        return comments
    return comments.annotate(
        muted_author=Exists(Mute.objects.filter(muter=viewer, muted=OuterRef("user"))),
        blocks_me=Exists(Block.objects.filter(blocker=OuterRef("user"), blocked=viewer)),
    )


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
    may_moderate = creator or bool(viewer.is_authenticated and viewer.is_staff)
    gate = comment_gate(viewer, work, creator=creator, blocked=blocked)
    kudos = kudos_for_page(viewer, work, shown, guest_key=guest_key)
    creator_ids = {c.pseud.user_id for c in work.creatorships.all()}  # prefetched by the work's selector
    comments = list(
        _with_relations(
            Comment.objects.filter(chapter__in=[c.pk for c in shown]).shown_to(viewer, creator=may_moderate),
            viewer,
        )
        .select_related("pseud__user")
        .order_by("created_at", "id")
    )
    per_chapter: dict[int, list[Comment]] = defaultdict(list)
    for comment in comments:
        per_chapter[comment.chapter_id].append(comment)
    threads = []
    for chapter in shown:
        mine = per_chapter.get(chapter.pk, [])
        nodes = _nodes_for(
            mine, viewer, gate=gate, may_moderate=may_moderate, creator_ids=creator_ids, reply_to=reply_to
        )
        threads.append(
            ChapterComments(
                chapter=chapter,
                rows=_flatten(nodes),
                count=sum(1 for c in mine if c.counts and not getattr(c, "muted_author", False)),
                held=sum(1 for c in mine if c.is_held and not c.deleted),
            )
        )
    return WorkInteractions(kudos=kudos, gate=gate, threads=threads, may_moderate=may_moderate, reply_to=reply_to)


def comment_for_viewer(viewer: Viewer, comment_id: int) -> Comment | None:
    """A comment on a work the viewer may open (None otherwise, exactly as for a missing comment)."""
    return (
        Comment.objects.on_visible_works(viewer)
        .select_related("work", "chapter", "thread", "pseud__user")
        .filter(pk=comment_id)
        .first()
    )


def comment_shown_to(viewer: Viewer, comment: Comment, *, creator: bool) -> bool:
    may_moderate = creator or bool(viewer.is_authenticated and viewer.is_staff)
    return Comment.objects.filter(pk=comment.pk).shown_to(viewer, creator=may_moderate).exists()


def muted_user_ids(viewer: Viewer) -> tuple[int, ...]:
    """Ids of the accounts ``viewer`` has muted (none for a guest): listings leave their works out in the query."""
    if not viewer.is_authenticated:
        return ()
    from scriptorium.interactions.models import Mute

    return tuple(Mute.objects.filter(muter=viewer).values_list("muted_id", flat=True))


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


def work_viewer_state(viewer: Viewer, work: Work) -> ViewerState:
    """Everything about the viewer and this work the page shows, in one query (none for a guest)."""
    if not viewer.is_authenticated:
        return ViewerState()
    creator_ids = [c.pseud.user_id for c in work.creatorships.all()]  # prefetched by the work's selector
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
    )
