"""Comment threads on a work's page, in a fixed number of queries however many comments there are.

Threads are built in Python from one query and flattened into rows, so the template (``interactions/_comments.html``)
needs no recursion however deep a thread goes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef

from scriptorium.interactions.models import Block, Comment, CommentState, Mute
from scriptorium.works.models.work import CommentPermission
from scriptorium.works.selectors import may_moderate

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from scriptorium.accounts.models import User

    Viewer = User | AnonymousUser

    from scriptorium.works.models import Chapter, Work


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


def comment_threads(
    viewer: Viewer,
    shown: list[Chapter],
    *,
    gate: CommentGate,
    moderator: bool,
    creator_ids: set[int],
    reply_to: int | None = None,
) -> list[ChapterComments]:
    """The comment threads of each chapter shown (one query). ``moderator``: the viewer may moderate the work's
    comments (they see held ones too). Comments by accounts the viewer muted are left out (a placeholder stays
    only where others replied to them)."""
    comments = list(
        _with_relations(
            Comment.objects.filter(chapter__in=[c.pk for c in shown]).shown_to(viewer, creator=moderator),
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
        nodes = _nodes_for(mine, viewer, gate=gate, may_moderate=moderator, creator_ids=creator_ids, reply_to=reply_to)
        threads.append(
            ChapterComments(
                chapter=chapter,
                rows=_flatten(nodes),
                count=sum(1 for c in mine if c.counts and not getattr(c, "muted_author", False)),
                held=sum(1 for c in mine if c.is_held and not c.deleted),
            )
        )
    return threads


def comment_for_viewer(viewer: Viewer, comment_id: int) -> Comment | None:
    """A comment on a work the viewer may open (None otherwise, exactly as for a missing comment)."""
    return (
        Comment.objects.on_visible_works(viewer)
        .select_related("work", "chapter", "thread", "pseud__user")
        .filter(pk=comment_id)
        .first()
    )


def comment_to_answer(viewer: Viewer, work: Work, comment_id: int) -> Comment | None:
    """The comment on ``work`` a reply is meant for, if the viewer sees it (None otherwise, as for a missing one)."""
    parent = Comment.objects.filter(pk=comment_id, work=work).select_related("thread").first()
    if parent is None or not comment_shown_to(viewer, parent, work=work):
        return None
    return parent


def comment_shown_to(viewer: Viewer, comment: Comment, *, work: Work | None = None) -> bool:
    """Whether the viewer sees this comment on its page (held ones: its author, and the work's moderators).
    ``work``: the comment's work, when the caller has it already."""
    moderator = may_moderate(viewer, work if work is not None else comment.work)
    return Comment.objects.filter(pk=comment.pk).shown_to(viewer, creator=moderator).exists()
