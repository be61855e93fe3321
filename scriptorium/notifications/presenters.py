"""How a notification reads, in the inbox and in the email digest: one sentence and where it leads."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator

from scriptorium.core.text import html_to_text
from scriptorium.interactions.models import CommentState
from scriptorium.notifications.models import MESSAGE_KINDS, Notification, NotificationKind

EXCERPT_CHARS = 200


def _names(names: list[str], more: int, guests: int) -> str:
    parts = list(names)
    if more:
        parts.append(f"{more} more account{'s' if more != 1 else ''}")
    if guests:
        parts.append(f"{guests} guest{'s' if guests != 1 else ''}")
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _creators(notification: Notification) -> str:
    pseuds = [c.pseud.display_name for c in notification.work.creatorships.all()]
    return ", ".join(pseuds) or "Anonymous"


def headline(notification: Notification) -> str:
    """One sentence saying what happened."""
    n = notification
    if n.kind in MESSAGE_KINDS:
        return n.reason
    title = f"“{n.work.title}”"
    where = f"{n.chapter.display_title} of {title}" if n.chapter_id and n.work.chapter_count > 1 else title
    if n.kind == NotificationKind.COMMENT:
        held = n.comment_id and n.comment.state == CommentState.HELD and not n.comment.deleted
        return f"{n.actor_name} commented on {where}" + (" (waiting for your approval)." if held else ".")
    if n.kind == NotificationKind.REPLY:
        return f"{n.actor_name} replied to your comment on {where}."
    if n.kind == NotificationKind.KUDOS:
        who = _names(n.account_names, n.more_accounts, n.guest_count)
        return f"{who} left kudos on {title}."
    if n.kind == NotificationKind.NEW_CHAPTER:
        return f"{title} has a new chapter: {n.chapter.display_title}." if n.chapter_id else f"{title} was updated."
    return f"{title} by {_creators(n)} was posted."


def excerpt(notification: Notification) -> str:
    """The start of the comment, as plain text (empty for other kinds, or when the comment was deleted)."""
    comment = notification.comment if notification.comment_id else None
    if comment is None or comment.deleted:
        return ""
    return Truncator(html_to_text(comment.text).replace("\n", " ")).chars(EXCERPT_CHARS)


def target_url(notification: Notification) -> str:
    """Where the notification leads: the comment, the new chapter, or the work (kudos go to the kudos list)."""
    n = notification
    if n.kind in MESSAGE_KINDS:
        return n.link or (n.work.get_absolute_url() if n.work_id else "")
    if n.comment_id:
        return reverse("interactions:comment", kwargs={"comment_id": n.comment_id})
    if n.chapter_id:
        return n.chapter.get_absolute_url()
    if n.kind == NotificationKind.KUDOS:
        return n.work.get_absolute_url() + "#kudos"
    return n.work.get_absolute_url()


def kind_label(notification: Notification) -> str:
    return NotificationKind(notification.kind).label
