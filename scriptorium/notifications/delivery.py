"""Creating notifications from events. The tasks in ``tasks`` call these with ids, after the event committed.

Rules every event follows:

- only posted works not hidden by a moderator (every account may open a posted work, restricted or not;
  drafts and hidden works are never announced);
- nobody hears about their own action (a creator replying on their own work, a writer's own new chapter);
- a recipient who blocks or mutes the account that acted hears nothing from it (for new works: from any of
  the work's creators);
- inactive accounts get nothing.

Each writer is idempotent: the unique constraints on ``Notification`` and ``Announcement`` mean a task run
twice creates nothing new.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from scriptorium.accounts.models import User
from scriptorium.interactions.models import Block, Comment, CommentState, Kudos, Mute
from scriptorium.notifications.models import Announcement, Notification, NotificationKind, Subscription
from scriptorium.notifications.models.notification import KUDOS_NAMES_MAX
from scriptorium.notifications.models.subscription import SubscriptionKind
from scriptorium.tags.models import WorkFilter
from scriptorium.works.models import Chapter, SeriesPart, Work
from scriptorium.works.selectors import creator_user_ids


def _reachable(recipient_ids: Iterable[int], actor_ids: Iterable[int | None]) -> set[int]:
    """Of ``recipient_ids``: active accounts that are none of the actors and block or mute none of them."""
    recipients = set(recipient_ids)
    actors = {pk for pk in actor_ids if pk is not None}
    recipients -= actors
    if not recipients:
        return set()
    recipients &= set(User.objects.filter(pk__in=recipients, is_active=True).values_list("pk", flat=True))
    if actors and recipients:
        recipients -= set(
            Block.objects.filter(blocker_id__in=recipients, blocked_id__in=actors).values_list("blocker_id", flat=True)
        )
        recipients -= set(
            Mute.objects.filter(muter_id__in=recipients, muted_id__in=actors).values_list("muter_id", flat=True)
        )
    return recipients


def _create(rows: list[Notification]) -> int:
    """Insert, skipping any a previous run already made (the unique constraints); answer how many are new."""
    if not rows:
        return 0
    before = Notification.objects.filter(recipient_id__in=[r.recipient_id for r in rows]).count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return Notification.objects.filter(recipient_id__in=[r.recipient_id for r in rows]).count() - before


# --- Comments --------------------------------------------------------------------------------------------


def comment_notify(*, comment_id: int) -> int:
    """Tell the work's creators about a comment, and the parent comment's author about a reply.

    A comment held for approval reaches only the creators (who approve it); a reply to a creator's own comment
    is one notification, a reply."""
    comment = Comment.objects.select_related("work", "parent", "pseud").filter(pk=comment_id).first()
    if comment is None or comment.deleted or not comment.work.posted:
        return 0
    creators = set(creator_user_ids(comment.work))
    kinds: dict[int, str] = {}
    parent = comment.parent
    if comment.state == CommentState.PUBLISHED and parent and parent.user_id and not parent.deleted:
        kinds[parent.user_id] = NotificationKind.REPLY
    for creator_id in creators:
        kinds.setdefault(creator_id, NotificationKind.COMMENT)
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=recipient,
            kind=kinds[recipient],
            actor_id=comment.user_id,
            actor_name=comment.author_name,
            work_id=comment.work_id,
            chapter_id=comment.chapter_id,
            comment=comment,
            updated_at=now,
        )
        for recipient in sorted(_reachable(kinds, [comment.user_id]))
    ]
    return _create(rows)


# --- Kudos -----------------------------------------------------------------------------------------------


def _kudos_add(recipient_id: int, kudos: Kudos, name: str) -> None:
    period = timezone.localdate(kudos.created_at)
    lookup = {"recipient_id": recipient_id, "kind": NotificationKind.KUDOS, "work_id": kudos.work_id, "period": period}
    now = timezone.now()
    with transaction.atomic():
        entry = Notification.objects.select_for_update().filter(**lookup).first()
        if entry is None:
            try:
                with transaction.atomic():
                    entry = Notification.objects.create(**lookup, updated_at=now)
            except IntegrityError:  # another kudos task made it just now
                entry = Notification.objects.select_for_update().get(**lookup)
        changes: dict[str, object] = {"updated_at": now, "read_at": None}
        if kudos.user_id is None:
            changes["guest_count"] = F("guest_count") + 1
        else:
            changes["account_count"] = F("account_count") + 1
            if len(entry.account_names) < KUDOS_NAMES_MAX and name not in entry.account_names:
                changes["account_names"] = [*entry.account_names, name]
        Notification.objects.filter(pk=entry.pk).update(**changes)


def kudos_notify(*, kudos_id: int) -> int:
    """Count kudos on a work into each creator's summary of that work for the day (it comes back unread)."""
    kudos = Kudos.objects.select_related("work", "user").filter(pk=kudos_id, chapter__isnull=True).first()
    if kudos is None or not kudos.work.posted:
        return 0
    recipients = _reachable(set(creator_user_ids(kudos.work)), [kudos.user_id])
    name = kudos.user.username if kudos.user_id else ""
    for recipient_id in sorted(recipients):
        _kudos_add(recipient_id, kudos, name)
    return len(recipients)


# --- New works and chapters ------------------------------------------------------------------------------


def _subscribers(kind: str, **target: object) -> list[Subscription]:
    return list(Subscription.objects.filter(kind=kind, **target).select_related("creator", "series", "tag"))


def _deliver(work: Work, kind: str, reasons: dict[int, str], *, chapter: Chapter | None = None) -> int:
    """Tell ``reasons``' accounts about the work (or its new chapter). The first creator is the actor, so
    muting them later hides it in the inbox too."""
    credited = creator_user_ids(work)
    creators, first = set(credited), (credited[0] if credited else None)
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=recipient,
            kind=kind,
            actor_id=first,
            work=work,
            chapter=chapter,
            reason=reasons[recipient][:300],
            updated_at=now,
        )
        for recipient in sorted(_reachable(reasons, creators))
    ]
    return _create(rows)


def _reasons_for_new_work(work: Work) -> dict[int, str]:
    """Who subscribes to something that brings this work: its creators, one of its series or one of its tags."""
    reasons: dict[int, str] = {}
    creators = set(creator_user_ids(work))
    for sub in _subscribers(SubscriptionKind.CREATOR, creator_id__in=creators):
        reasons.setdefault(sub.user_id, f"You subscribe to {sub.creator.username}.")
    series_ids = SeriesPart.objects.filter(work=work).values("series_id")
    for sub in _subscribers(SubscriptionKind.SERIES, series_id__in=series_ids):
        reasons.setdefault(sub.user_id, f"You subscribe to the series {sub.series.title}.")
    tag_ids = WorkFilter.objects.filter(work=work).values("tag_id")
    for sub in _subscribers(SubscriptionKind.TAG, tag_id__in=tag_ids):
        reasons.setdefault(sub.user_id, f"You subscribe to the tag {sub.tag.name}.")
    return reasons


def work_announce(*, work_id: int) -> int:
    """Announce a posted work to its creators', series' and tags' subscribers, once."""
    work = Work.objects.public().filter(pk=work_id).first()
    if work is None:
        return 0
    with transaction.atomic():
        _, created = Announcement.objects.get_or_create(work=work)
        if not created:
            return 0
        return _deliver(work, NotificationKind.NEW_WORK, _reasons_for_new_work(work))


def series_work_notify(*, series_id: int, work_id: int) -> int:
    """A work already announced joined a series: tell the series' subscribers (a work not yet announced brings
    its series along when it is)."""
    part = SeriesPart.objects.select_related("work", "series").filter(series_id=series_id, work_id=work_id).first()
    if (
        part is None
        or not part.work.posted
        or part.work.hidden
        or not Announcement.objects.filter(work=part.work).exists()
    ):
        return 0
    reasons = {
        sub.user_id: f"You subscribe to the series {part.series.title}."
        for sub in _subscribers(SubscriptionKind.SERIES, series=part.series)
    }
    return _deliver(part.work, NotificationKind.NEW_WORK, reasons)


def chapter_notify(*, chapter_id: int) -> int:
    """A chapter added to a work after it was announced: tell the work's subscribers."""
    chapter = Chapter.objects.select_related("work").filter(pk=chapter_id).first()
    if chapter is None or not chapter.work.posted or chapter.work.hidden:
        return 0
    announced = Announcement.objects.filter(work_id=chapter.work_id).values_list("created_at", flat=True).first()
    if announced is None or chapter.created_at <= announced:
        return 0  # it came with the work
    reasons = {
        sub.user_id: "You subscribe to this work."
        for sub in _subscribers(SubscriptionKind.WORK, work_id=chapter.work_id)
    }
    return _deliver(chapter.work, NotificationKind.NEW_CHAPTER, reasons, chapter=chapter)


def saved_search_new_works(*, subscription: Subscription, work_ids: Iterable[int]) -> int:
    """Tell a saved search's subscriber about works newly matching it (see ``searches``)."""
    name = subscription.saved_search.name
    created = 0
    for work in Work.objects.public().filter(pk__in=list(work_ids)):
        created += _deliver(
            work, NotificationKind.NEW_WORK, {subscription.user_id: f"Your saved search “{name}” found it."}
        )
    return created
