"""Bookmark search (``/bookmarks/search``): bookmarks of works, found by the work's tags, rating, completion,
language and length (as on the works listings), the bookmarker, the bookmarker's tags and words of the notes.

Only bookmarks of works listed for the reader (``reader_works``), public ones (and the reader's own private
ones), and none by an account the reader muted."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q, QuerySet

from scriptorium.accounts.models import Pseud
from scriptorium.discovery.selectors.readers import reader_works
from scriptorium.interactions.models import Bookmark
from scriptorium.interactions.selectors import muted_user_ids
from scriptorium.interactions.selectors.bookmarks import bookmarks_ready
from scriptorium.tags.models import WorkFilter

if TYPE_CHECKING:
    from scriptorium.discovery.selectors.readers import Viewer


@dataclass(frozen=True)
class BookmarkQuery:
    words: tuple[str, ...] = ()  # each in the notes, the bookmarker's tags or the work's title
    bookmarker: str = ""  # a username or pseud name, exactly (ignoring case)
    bookmark_tags: tuple[str, ...] = ()  # the bookmarker's own tags, each exactly (ignoring case)
    work_tag_ids: tuple[int, ...] = ()  # filter tag ids (a synonym's canonical tag): the work found under each
    ratings: tuple[str, ...] = ()
    complete: bool | None = None
    language: str = ""
    words_min: int | None = None
    words_max: int | None = None
    recs_only: bool = False


def _json_text(text: str) -> str:
    """``text`` as it appears inside a JSON list's text in the database (SQLite keeps JSON ASCII-escaped)."""
    if connection.vendor == "postgresql":
        return text
    return json.dumps(text)[1:-1]


def _bookmark_tag(name: str) -> Q:
    return Q(tags__icontains=f'"{_json_text(name)}"')


def bookmarks_search(user: Viewer, query: BookmarkQuery) -> QuerySet[Bookmark]:
    """The bookmarks ``query`` finds for ``user``, newest first, ready for their blurbs."""
    works = reader_works(user)
    for tag_id in query.work_tag_ids:
        works = works.filter(pk__in=WorkFilter.objects.filter(tag_id=tag_id).values("work_id"))
    if query.ratings:
        works = works.filter(rating__in=query.ratings)
    if query.complete is not None:
        works = works.filter(complete=query.complete)
    if query.language:
        works = works.filter(language=query.language)
    if query.words_min is not None:
        works = works.filter(word_count__gte=query.words_min)
    if query.words_max is not None:
        works = works.filter(word_count__lte=query.words_max)
    shown = Q(private=False)
    if user.is_authenticated:
        shown |= Q(user_id=user.pk)
    bookmarks = Bookmark.objects.filter(shown, work__in=works)
    if muted := muted_user_ids(user):
        bookmarks = bookmarks.exclude(user_id__in=muted)
    if query.recs_only:
        bookmarks = bookmarks.filter(rec=True)
    if query.bookmarker:
        pseuds = Pseud.objects.filter(name__iexact=query.bookmarker).values("user_id")
        bookmarks = bookmarks.filter(Q(user__username__iexact=query.bookmarker) | Q(user_id__in=pseuds))
    for name in query.bookmark_tags:
        bookmarks = bookmarks.filter(_bookmark_tag(name))
    for word in query.words:
        bookmarks = bookmarks.filter(
            Q(notes__icontains=word) | Q(tags__icontains=_json_text(word)) | Q(work__title__icontains=word)
        )
    return bookmarks_ready(bookmarks, user).order_by("-created_at", "-id")
