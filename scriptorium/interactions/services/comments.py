"""Comments: posting (with moderation, blocks, rate limits and the spam check), editing, deleting, approving,
freezing threads, and a work's comment settings. Each checks who acts (the work must be visible to them, as on
its page), then the input, then acts in one transaction that also moves the work's counter with an F() update.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scriptorium.accounts.moderators import is_moderator
from scriptorium.accounts.selectors import suspension_check
from scriptorium.core.ratelimit import new_account_limit_check
from scriptorium.core.spam import SpamCandidate, SpamKind, Verdict, spam_check
from scriptorium.interactions import events
from scriptorium.interactions.inputs import CommentInput, comment_html
from scriptorium.interactions.models import Comment, CommentState
from scriptorium.interactions.ratelimit import RateLimited, rate_limit_hit
from scriptorium.interactions.selectors.relations import blocked_by_any
from scriptorium.interactions.services.common import check_visible, work_counter_bump, work_interactions_changed
from scriptorium.works.models import Work
from scriptorium.works.models.work import CommentPermission
from scriptorium.works.selectors import creator_user_ids, is_creator, may_moderate

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User
    from scriptorium.works.models import Chapter

    Actor = User | AnonymousUser

BLOCKED_BY_CREATOR = "The creator of this work has blocked you, so you can’t comment on it."
BLOCKED_BY_AUTHOR = "The author of that comment has blocked you, so you can’t reply to it."


def _check_may_comment(actor: Actor, work: Work, *, creator: bool) -> None:
    if not work.posted:
        raise ValidationError("Comments open once the work is posted.", code="draft")
    if work.comment_permission == CommentPermission.OFF:
        raise ValidationError("The creator has turned off comments on this work.", code="comments_off")
    if work.comment_permission == CommentPermission.ACCOUNTS and not actor.is_authenticated and not creator:
        raise ValidationError(
            "Only readers with an account can comment on this work: please log in to comment.", code="accounts_only"
        )


def _check_not_blocked(actor: Actor, work: Work, parent: Comment | None) -> None:
    """A blocked account cannot comment on the blocker's works, nor reply to the blocker's comments."""
    if blocked_by_any(actor, creator_user_ids(work)):
        raise ValidationError(BLOCKED_BY_CREATOR, code="blocked")
    if parent is not None and blocked_by_any(actor, [parent.user_id]):
        raise ValidationError(BLOCKED_BY_AUTHOR, code="blocked")


def _check_parent(actor: Actor, parent: Comment, chapter: Chapter) -> None:
    if parent.chapter_id != chapter.pk:
        raise ValidationError("That comment belongs to another chapter.", code="parent_elsewhere")
    if parent.deleted:
        raise ValidationError("That comment has been deleted, so you can’t reply to it.", code="parent_deleted")
    if parent.state != CommentState.PUBLISHED:
        raise ValidationError(
            "That comment is hidden until the creator approves it, so you can’t reply to it yet.",
            code="parent_hidden",
        )
    root = parent.thread if parent.thread_id else parent
    if root.frozen:
        raise ValidationError("This thread is frozen: it takes no new replies.", code="frozen")


def _rate_limit(actor: Actor, origin: str) -> None:
    if actor.is_authenticated:
        scope, ident = "comment_account", str(actor.pk)
    else:
        scope, ident = "comment_guest", origin or "unknown"
    try:
        rate_limit_hit(scope, ident)
    except RateLimited as exc:
        raise ValidationError(
            f"You are commenting too quickly: please wait {exc.retry_after} seconds and post again.",
            code="rate_limited",
        ) from None


def _spam_verdict(actor: Actor, work: Work, data: CommentInput, html: str, *, editing: int | None = None) -> Verdict:
    check = spam_check()
    guest_email = data.guest_email.strip()
    user_id = actor.pk if actor.is_authenticated else None
    window = datetime.timedelta(hours=getattr(check, "repeat_window_hours", 24))

    def posted_before() -> bool:
        earlier = Comment.objects.filter(created_at__gte=timezone.now() - window, text=html, deleted=False)
        if user_id is not None:
            earlier = earlier.filter(user_id=user_id)
        elif guest_email:
            earlier = earlier.filter(user__isnull=True, guest_email__iexact=guest_email)
        else:
            return False
        if editing is not None:
            earlier = earlier.exclude(pk=editing)
        return earlier.exists()

    candidate = SpamCandidate(
        text=data.text,
        html=html,
        kind=SpamKind.COMMENT,
        work_id=work.pk,
        user_id=user_id,
        account_created=actor.date_joined if actor.is_authenticated else None,
        guest_email=guest_email,
        exclude_comment_id=editing,
        posted_before=posted_before,
    )
    result = check.check(candidate)
    if result.verdict == Verdict.SPAM:
        why = result.why
        raise ValidationError(
            f"This comment looks like spam ({why}), so it was not posted. If it is not, please reword it.",
            code="spam",
        )
    return result.verdict


def comment_create(
    *, actor: Actor, chapter: Chapter, data: CommentInput, parent: Comment | None = None, origin: str = ""
) -> Comment:
    """Comment on a chapter, or reply to ``parent``. ``origin`` is a guest's hashed address (rate limits).

    Held for approval when the work is moderated or the spam check is unsure; the creators' own comments are
    never held, and skip the spam check.
    """
    work = chapter.work
    check_visible(actor, work)
    suspension_check(actor)
    creator = is_creator(actor, work)
    _check_may_comment(actor, work, creator=creator)
    if parent is not None:
        _check_parent(actor, parent, chapter)
    if not creator:
        _check_not_blocked(actor, work, parent)
    guest = not actor.is_authenticated
    html = data.validate(guest=guest)
    _rate_limit(actor, origin)
    new_account_limit_check(actor, "new_account_comment")
    verdict = Verdict.HAM if creator else _spam_verdict(actor, work, data, html)
    held = not creator and (work.moderate_comments or verdict == Verdict.SUSPECT)
    comment = Comment(
        work=work,
        chapter=chapter,
        parent=parent,
        thread=(parent.thread if parent.thread_id else parent) if parent else None,
        text=html,
        state=CommentState.HELD if held else CommentState.PUBLISHED,
    )
    if guest:
        comment.guest_name = " ".join(data.guest_name.split())
        comment.guest_email = data.guest_email.strip()
    else:
        comment.user = actor
        comment.pseud = actor.default_pseud
    with transaction.atomic():
        comment.save()
        if comment.counts:
            work_counter_bump(work.pk, "comments_count", 1)
        events.comment_posted.announce(comment_id=comment.pk)
    return comment


def comment_edit(*, actor: Actor, comment: Comment, text: str) -> Comment:
    """Change one's own comment; it is marked as edited."""
    check_visible(actor, comment.work)
    if not actor.is_authenticated or comment.user_id != actor.pk:
        raise PermissionDenied("Only the comment’s author can edit it.")
    if comment.deleted:
        raise ValidationError("This comment has been deleted.", code="deleted")
    creator = is_creator(actor, comment.work)
    if not creator and blocked_by_any(actor, creator_user_ids(comment.work)):
        raise ValidationError(
            "The creator of this work has blocked you, so you can’t edit your comment here.", code="blocked"
        )
    root = comment.thread if comment.thread_id else comment
    if root.frozen:
        raise ValidationError("This thread is frozen: its comments can’t be edited.", code="frozen")
    html = comment_html(text)
    if not creator:
        _spam_verdict(actor, comment.work, CommentInput(text=text), html, editing=comment.pk)
    comment.text = html
    comment.edited_at = timezone.now()
    with transaction.atomic():
        comment.save(update_fields=["text", "edited_at"])
        work_interactions_changed(comment.work_id)
    return comment


def comment_delete(*, actor: Actor, comment: Comment) -> Comment:
    """Delete a comment (its author, the work's creators, or staff). Its replies stay, under a placeholder."""
    work = comment.work
    check_visible(actor, work)
    own = actor.is_authenticated and comment.user_id == actor.pk
    if not own and not may_moderate(actor, work):
        raise PermissionDenied("Only the comment’s author or the work’s creators can delete it.")
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if locked.deleted:
            raise ValidationError("This comment has already been deleted.", code="deleted")
        counted = locked.counts
        Comment.objects.filter(pk=locked.pk).update(deleted=True, text="", guest_email="")
        work_interactions_changed(work.pk)
        if counted:
            work_counter_bump(work.pk, "comments_count", -1)
    comment.refresh_from_db()
    return comment


def comment_hidden_set(*, actor: Actor, comment_id: int, hidden: bool, erase: bool = False) -> Comment:
    """A moderator hides a comment (readers see the deleted-comment placeholder; its text is kept, so it can be
    shown again), erases it (``erase``: deleted for good, text emptied) or shows a hidden one again. A comment
    gone meanwhile answers ``Comment.DoesNotExist``; one already erased cannot be hidden or shown again."""
    if not is_moderator(actor):
        raise PermissionDenied("Only moderators can hide comments.")
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment_id)
        erased = locked.deleted and not locked.text
        if erased:
            raise ValidationError("This comment has already been deleted.", code="deleted")
        counted = locked.counts
        if hidden:
            changes = {"deleted": True, **({"text": "", "guest_email": ""} if erase else {})}
        elif not locked.deleted:
            raise ValidationError("This comment is not hidden.", code="not_hidden")
        else:
            changes = {"deleted": False}
        Comment.objects.filter(pk=locked.pk).update(**changes)
        work_interactions_changed(locked.work_id)
        locked.refresh_from_db()
        if counted != locked.counts:
            work_counter_bump(locked.work_id, "comments_count", 1 if locked.counts else -1)
    return locked


def comment_approve(*, actor: Actor, comment: Comment) -> Comment:
    """Publish a comment that was held for approval (the work's creators, or staff)."""
    work = comment.work
    check_visible(actor, work)
    if not may_moderate(actor, work):
        raise PermissionDenied("Only the work’s creators can approve its comments.")
    with transaction.atomic():
        updated = Comment.objects.filter(pk=comment.pk, state=CommentState.HELD, deleted=False).update(
            state=CommentState.PUBLISHED
        )
        if not updated:
            raise ValidationError("This comment is not waiting for approval.", code="not_held")
        work_counter_bump(work.pk, "comments_count", 1)
        comment.refresh_from_db()
        events.comment_approved.announce(comment_id=comment.pk)
    return comment


def thread_freeze(*, actor: Actor, comment: Comment, frozen: bool = True) -> Comment:
    """Freeze (or thaw) the thread ``comment`` is in: no new replies, no edits. Returns the thread's top."""
    work = comment.work
    check_visible(actor, work)
    if not may_moderate(actor, work):
        raise PermissionDenied("Only the work’s creators can freeze a thread.")
    root = comment.thread if comment.thread_id else comment
    with transaction.atomic():
        Comment.objects.filter(pk=root.pk).update(frozen=frozen)
        work_interactions_changed(work.pk)
    root.refresh_from_db()
    return root


def comment_settings_update(*, actor: Actor, work: Work, permission: str, moderate: bool) -> Work:
    """Who may comment on the work, and whether comments wait for approval (the work's creators only)."""
    if not Work.objects.editable_by(actor).filter(pk=work.pk).exists():
        raise PermissionDenied("Only the work’s creators can change its comment settings.")
    if permission not in CommentPermission.values:
        raise ValidationError({"comment_permission": ["Choose who may comment."]})
    with transaction.atomic():
        Work.objects.filter(pk=work.pk).update(comment_permission=permission, moderate_comments=moderate)
        work_interactions_changed(work.pk)
    work.refresh_from_db(fields=["comment_permission", "moderate_comments"])
    return work
