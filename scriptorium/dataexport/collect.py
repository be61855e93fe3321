"""An account's data as plain JSON-ready values, one function per file of the export.

Each reads through the owning app's selectors where there is one. What the account wrote is given whole (its
notes, tags, comments); of a work it may no longer open (someone else's, now a draft), only the id: the export
says no more about other people's works than the archive's own pages would.
"""

from __future__ import annotations

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse

from scriptorium.accounts.models import User
from scriptorium.accounts.selectors import pseuds_of
from scriptorium.dataexport import selectors
from scriptorium.interactions.selectors import (
    bookmarks_of_user,
    history_enabled,
    history_entries,
    later_entries,
    shelf_entries,
)
from scriptorium.notifications.models.subscription import TARGET_FIELDS, SubscriptionKind
from scriptorium.notifications.selectors import digest_frequency, subscriptions_by_kind
from scriptorium.search.selectors import excluded_tags_of, saved_searches_of
from scriptorium.transfer.exports.snapshot import WorkSnapshot
from scriptorium.works.models import Work

JSON = dict[str, Any]


def absolute(path: str) -> str:
    return f"{settings.SCRIPTORIUM_BASE_URL.rstrip('/')}{path}"


def _when(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _work_ref(work_id: int | None, available: bool, title: str = "") -> JSON | None:
    """A work named by id; with its title and address only while the account may open it."""
    if work_id is None:
        return None
    if not available:
        return {"id": work_id, "available": False}
    return {"id": work_id, "available": True, "title": title, "url": absolute(reverse("works:detail", args=[work_id]))}


def profile(user: User) -> JSON:
    addresses = [
        {"email": a.email, "primary": a.primary, "verified": a.verified}
        for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]
    if user.email and not any(a["email"].casefold() == user.email.casefold() for a in addresses):
        addresses.insert(0, {"email": user.email, "primary": True, "verified": None})
    return {
        "username": user.username,
        "email_addresses": addresses,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "about": user.about,
        "url": absolute(reverse("accounts:user", kwargs={"username": user.username})),
        "preferences": {
            "show_adult_works_without_asking": user.view_adult,
            "reading_history_on": history_enabled(user),
            "email_digest": digest_frequency(user),
        },
    }


def pseuds(user: User) -> list[JSON]:
    return [
        {
            "name": pseud.name,
            "default": pseud.is_default,
            "description": pseud.description,
            "created_at": _when(pseud.created_at),
            "url": absolute(reverse("accounts:pseud", kwargs={"username": user.username, "pseud": pseud.name})),
        }
        for pseud in pseuds_of(user)
    ]


def work_metadata(work: Work, snapshot: WorkSnapshot) -> JSON:
    """Everything about one of the account's works besides its text (which the EPUB and HTML files hold)."""
    names = lambda links: [link.name for link in links]  # noqa: E731
    return {
        "id": work.pk,
        "title": snapshot.title,
        "url": snapshot.url,
        "creators": snapshot.creator_names,
        "state": "hidden by a moderator" if work.hidden else ("posted" if work.posted else "draft"),
        "restricted": work.restricted,
        "rating": snapshot.rating,
        "warnings": names(snapshot.warnings),
        "tags": {
            "categories": names(snapshot.categories),
            "fandoms": names(snapshot.fandoms),
            "relationships": names(snapshot.relationships),
            "characters": names(snapshot.characters),
            "additional": names(snapshot.additional_tags),
        },
        "language": snapshot.language,
        "summary": snapshot.summary,
        "notes": snapshot.notes,
        "end_notes": snapshot.end_notes,
        "series": [{"title": s.title, "position": s.position, "url": s.url} for s in snapshot.series],
        "complete": work.complete,
        "chapters": len(snapshot.chapters),
        "expected_chapters": work.expected_chapters,
        "dates": {
            "created": _when(work.created_at),
            "published": _when(work.published_on),
            "updated": _when(work.revised_on),
            "completed": _when(work.completed_on),
            "modified": _when(work.modified_at),
        },
        "counts": {
            "words": work.word_count,
            "hits": work.hits_count,
            "kudos": work.kudos_count,
            "comments": work.comments_count,
            "bookmarks": work.bookmarks_count,
        },
    }


def bookmarks(user: User) -> list[JSON]:
    rows = []
    for bookmark in bookmarks_of_user(user, user):
        row: JSON = {
            "id": bookmark.pk,
            "kind": bookmark.kind,
            "private": bookmark.private,
            "recommended": bookmark.rec,
            "notes": bookmark.notes,
            "tags": list(bookmark.tags),
            "created_at": _when(bookmark.created_at),
            "updated_at": _when(bookmark.updated_at),
        }
        if bookmark.work_id:
            row["work"] = _work_ref(bookmark.work_id, bookmark.work.available, bookmark.work.title)
        elif bookmark.series_id:
            series = bookmark.series
            row["series"] = {"id": series.pk, "available": bool(series.available)}
            if series.available:
                row["series"].update(title=series.title, url=absolute(series.get_absolute_url()))
        elif bookmark.external_id:
            external = bookmark.external
            row["external"] = {
                "url": external.url,
                "title": external.title,
                "creator": external.creator,
                "summary": external.summary,
            }
        else:
            row["deleted_work"] = _remembered(bookmark)
        rows.append(row)
    return rows


def _remembered(row: Any) -> JSON:
    return {
        "title": row.work_title,
        "creators": list(row.work_creators),
        "fandoms": list(row.work_fandoms),
        "deleted_at": _when(row.work_deleted_at),
    }


def comments(user: User) -> list[JSON]:
    return [
        {
            "id": comment.pk,
            "work": _work_ref(comment.work_id, comment.available, comment.work.title),
            "chapter": comment.chapter.position,
            "reply_to": comment.parent_id,
            "pseud": comment.pseud.name if comment.pseud_id else None,
            "text": comment.text,
            "state": comment.state,
            "created_at": _when(comment.created_at),
            "edited_at": _when(comment.edited_at),
        }
        for comment in selectors.comments_written(user)
    ]


def kudos(user: User) -> list[JSON]:
    return [
        {
            "work": _work_ref(given.work_id, given.available, given.work.title),
            "chapter": given.chapter.position if given.chapter_id else None,
            "created_at": _when(given.created_at),
        }
        for given in selectors.kudos_given(user)
    ]


def _reading(reading: Any) -> JSON:
    row: JSON = {
        "work": _work_ref(reading.work_id, bool(reading.work_id and reading.work.available), reading.work_title),
        "views": reading.views,
        "last_read_at": _when(reading.last_read_at),
        "marked_for_later": reading.marked_for_later,
        "marked_at": _when(reading.marked_at),
    }
    if reading.work_id and reading.work.available:
        row["work"]["title"] = reading.work.title
        row["chapter"] = reading.chapter.position if reading.chapter_id else None
    if reading.work_deleted:
        row["deleted_work"] = _remembered(reading)
    return row


def history(user: User) -> JSON:
    return {
        "history_on": history_enabled(user),
        "read": [_reading(reading) for reading in history_entries(user)],
        "marked_for_later": [_reading(reading) for reading in later_entries(user)],
        "shelves": [
            {
                "work": _work_ref(entry.work_id, entry.available, entry.work.title),
                "status": entry.status,
                "updated_at": _when(entry.updated_at),
            }
            for entry in shelf_entries(user)
        ],
    }


def subscriptions(user: User) -> list[JSON]:
    groups = subscriptions_by_kind(user)
    rows = [subscription for group in groups for subscription in group.subscriptions]
    work_ids = selectors.visible_work_ids(user, {s.work_id for s in rows if s.work_id})
    series_ids = selectors.visible_series_ids(user, {s.series_id for s in rows if s.series_id})
    result = []
    for subscription in rows:
        kind = SubscriptionKind(subscription.kind)
        target = getattr(subscription, TARGET_FIELDS[kind])
        row: JSON = {"kind": kind.value, "created_at": _when(subscription.created_at)}
        if kind == SubscriptionKind.WORK:
            row["work"] = _work_ref(target.pk, target.pk in work_ids, target.title)
        elif kind == SubscriptionKind.SERIES:
            row["series"] = {"id": target.pk, "available": target.pk in series_ids}
            if target.pk in series_ids:
                row["series"].update(title=target.title, url=absolute(target.get_absolute_url()))
        elif kind == SubscriptionKind.CREATOR:
            row["creator"] = target.username
        elif kind == SubscriptionKind.TAG:
            row["tag"] = target.name
        else:
            row["saved_search"] = target.name
        result.append(row)
    return result


def saved_searches(user: User) -> list[JSON]:
    search = absolute(reverse("search:works"))
    return [
        {
            "name": saved.name,
            "query": saved.query_string,
            "url": f"{search}?{saved.query_string}" if saved.query_string else search,
            "created_at": _when(saved.created_at),
        }
        for saved in saved_searches_of(user)
    ]


def excluded_tags(user: User) -> list[JSON]:
    return [
        {"tag": excluded.tag.name, "type": excluded.tag.type, "created_at": _when(excluded.created_at)}
        for excluded in excluded_tags_of(user)
    ]
