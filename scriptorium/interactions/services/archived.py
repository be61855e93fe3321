"""Comments brought across from another archive (an eFiction archive's reviews), kept as they were written there.

Only a work's creators (the archivist who imported it) add them, on their posted work. They are old guest
comments with the name they were left under and their own date: no rate limit, spam check or notification
applies (nobody is commenting now), and nothing is announced. Threads keep their shape (a reply sits under its
comment). The work's comment counter moves by the number added, in the caller's transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from scriptorium.core.text import user_text_to_html
from scriptorium.interactions.models import Comment, CommentState
from scriptorium.interactions.models.comment import GUEST_NAME_MAX
from scriptorium.interactions.services.common import work_counter_bump
from scriptorium.works.selectors import is_creator

if TYPE_CHECKING:
    from scriptorium.accounts.models import User
    from scriptorium.works.models import Chapter, Work


@dataclass(frozen=True)
class ArchivedComment:
    """One comment as another archive kept it (HTML or plain text), with its replies."""

    chapter: Chapter
    name: str
    text: str
    created_at: datetime.datetime | None = None
    replies: Sequence[ArchivedComment] = field(default_factory=tuple)


def comments_archived_create(*, actor: User, work: Work, comments: Sequence[ArchivedComment]) -> list[Comment]:
    """Add these comments (and their replies) to ``work``; answers the comments made, replies included. A comment
    whose text is empty once cleaned is left out with its replies."""
    if not work.posted:
        raise ValidationError("Comments can be added to a posted work only.")
    if not is_creator(actor, work):
        raise PermissionDenied("Only the work's creators can bring its old comments across.")
    for item in comments:
        if item.chapter.work_id != work.pk:
            raise ValidationError("An archived comment names a chapter of another work.")
    made: list[Comment] = []
    with transaction.atomic():
        level = [(item, None) for item in comments]
        while level:
            built = []
            for item, parent in level:
                html = user_text_to_html(item.text)
                if not html.strip():
                    continue
                comment = Comment(
                    work=work,
                    chapter=item.chapter,
                    parent=parent,
                    thread=(parent.thread if parent.thread_id else parent) if parent else None,
                    guest_name=(" ".join(item.name.split()) or "Anonymous")[:GUEST_NAME_MAX],
                    text=html,
                    state=CommentState.PUBLISHED,
                )
                built.append((comment, item))
            Comment.objects.bulk_create([comment for comment, _ in built])
            dated = []
            for comment, item in built:
                if item.created_at is not None:
                    comment.created_at = item.created_at
                    dated.append(comment)
            if dated:
                Comment.objects.bulk_update(dated, ["created_at"])
            made.extend(comment for comment, _ in built)
            level = [(reply, comment) for comment, item in built for reply in item.replies]
        if made:
            work_counter_bump(work.pk, "comments_count", len(made))
    return made
