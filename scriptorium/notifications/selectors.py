"""Reads for the inbox, the header's unread count, the subscriptions page and the subscribe buttons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet

from scriptorium.interactions.models import Mute
from scriptorium.notifications.models import MESSAGE_KINDS, Notification, Subscription
from scriptorium.notifications.models.settings import DigestFrequency, DigestSettings
from scriptorium.notifications.models.subscription import TARGET_FIELDS, SubscriptionKind
from scriptorium.works.models import Creatorship
from scriptorium.works.selectors import works_visible

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

INBOX_PER_PAGE = 25


def shown_to(user: User) -> QuerySet[Notification]:
    """``user``'s notifications still worth showing: about works still posted and not hidden by a moderator,
    from accounts not muted since; and every written message
    (``MESSAGE_KINDS``: the moderators', co-creator invitations, account notices)."""
    about_shown_work = Q(work__posted=True, work__hidden=False)
    return Notification.objects.filter(about_shown_work | Q(kind__in=MESSAGE_KINDS), recipient=user).exclude(
        actor__in=Mute.objects.filter(muter=user).values("muted_id")
    )


def unread_count(user: User) -> int:
    """One query (the unread index, a join to the work and a subquery for mutes)."""
    return shown_to(user).filter(read_at__isnull=True).count()


def inbox_page(user: User, *, page: int | str | None, unread_only: bool = False) -> Page:
    """A page of notifications, newest activity first, with everything the rows show (a fixed number of queries)."""
    rows = shown_to(user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    rows = (
        rows.select_related("work", "chapter", "comment")
        .prefetch_related(Prefetch("work__creatorships", queryset=Creatorship.objects.select_related("pseud")))
        .order_by("-updated_at", "-id")
    )
    return Paginator(rows, INBOX_PER_PAGE).get_page(page)


@dataclass
class SubscriptionGroup:
    kind: str
    label: str
    subscriptions: list[Subscription]


_GROUP_LABELS = {
    SubscriptionKind.WORK: "Works (new chapters)",
    SubscriptionKind.CREATOR: "Creators (new works)",
    SubscriptionKind.SERIES: "Series (new works)",
    SubscriptionKind.TAG: "Tags (new works found under them)",
    SubscriptionKind.SEARCH: "Saved searches (new matching works)",
}


def subscriptions_by_kind(user: User) -> list[SubscriptionGroup]:
    """Every subscription of ``user`` with its target, grouped by kind. A work subscription's ``work_shown`` says
    whether ``user`` may still see the work (no longer posted, hidden by a moderator: its title is not shown)."""
    rows = list(
        Subscription.objects.filter(user=user).select_related("work", "creator", "series", "tag", "saved_search")
    )
    work_ids = {s.work_id for s in rows if s.work_id}
    shown = set(works_visible(user).filter(pk__in=work_ids).values_list("pk", flat=True)) if work_ids else set()
    for subscription in rows:
        subscription.work_shown = subscription.work_id in shown
    return [
        SubscriptionGroup(kind=kind, label=label, subscriptions=[s for s in rows if s.kind == kind])
        for kind, label in _GROUP_LABELS.items()
    ]


def is_subscribed(user: User | AnonymousUser, kind: str, target_id: int) -> bool:
    if not user.is_authenticated:
        return False
    field = TARGET_FIELDS[SubscriptionKind(kind)]
    return Subscription.objects.filter(user=user, **{f"{field}_id": target_id}).exists()


def digest_frequency(user: User) -> str:
    """How often the account gets its email digest (off until it chooses)."""
    row = DigestSettings.objects.filter(user=user).first()
    return row.frequency if row else DigestFrequency.OFF
