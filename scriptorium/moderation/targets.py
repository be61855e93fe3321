"""The things a report can be about, found as the reporter (or a moderator) may see them.

``target_find`` answers a ``Target`` (what to call it, where it is, the work it belongs to) or raises
``TargetGone`` (a 404 to the view) when it is missing, deleted or not visible to ``viewer``: nothing about a
thing one may not see can be learnt by reporting it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404
from django.urls import reverse
from django.utils.text import Truncator

from scriptorium.accounts.models import User
from scriptorium.core.text import html_to_text
from scriptorium.interactions.models import Bookmark, Comment
from scriptorium.moderation.models import TargetKind
from scriptorium.tags.models import Tag
from scriptorium.works.models import Chapter
from scriptorium.works.selectors import is_creator, work_visible_or_404, works_visible

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Viewer = User | AnonymousUser

LABEL_MAX = 300


class TargetGone(Http404):
    """The thing is missing, deleted, or not for this viewer's eyes: the same answer for each."""


@dataclass(frozen=True)
class Target:
    kind: str
    id: int
    label: str
    url: str
    work_id: int | None = None


def _label(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(LABEL_MAX - 20)


def _work(viewer: Viewer, target_id: int) -> Target:
    work = work_visible_or_404(viewer, target_id)
    return Target(TargetKind.WORK, work.pk, _label(f"“{work.title}”"), work.get_absolute_url(), work.pk)


def _chapter(viewer: Viewer, target_id: int) -> Target:
    chapter = Chapter.objects.filter(pk=target_id).only("id", "work_id", "position", "title").first()
    if chapter is None:
        raise TargetGone
    work = work_visible_or_404(viewer, chapter.work_id)
    label = f"{chapter.display_title} of “{work.title}”"
    return Target(TargetKind.CHAPTER, chapter.pk, _label(label), chapter.get_absolute_url(), work.pk)


def _comment(viewer: Viewer, target_id: int) -> Target:
    comment = Comment.objects.select_related("work").filter(pk=target_id, deleted=False).first()
    if comment is None:
        raise TargetGone
    work = work_visible_or_404(viewer, comment.work_id)
    shown = Comment.objects.shown_to(viewer, creator=is_creator(viewer, work)).filter(pk=comment.pk).exists()
    if not shown:
        raise TargetGone
    excerpt = Truncator(html_to_text(comment.text).replace("\n", " ")).chars(80)
    label = f"A comment by {comment.author_name} on “{work.title}”: {excerpt}"
    return Target(TargetKind.COMMENT, comment.pk, _label(label), comment.get_absolute_url(), work.pk)


def _bookmark(viewer: Viewer, target_id: int) -> Target:
    bookmark = Bookmark.objects.select_related("user", "work", "series", "external").filter(pk=target_id).first()
    if bookmark is None or not bookmark.user.is_active:
        raise TargetGone
    if bookmark.private and not (viewer.is_authenticated and viewer.pk == bookmark.user_id):
        raise TargetGone
    if bookmark.work_id and not works_visible(viewer).filter(pk=bookmark.work_id).exists():
        raise TargetGone
    of = bookmark.work or bookmark.series or bookmark.external
    label = f"A bookmark by {bookmark.user.username} of “{of}”" if of else f"A bookmark by {bookmark.user.username}"
    url = reverse("interactions:user_bookmarks", kwargs={"username": bookmark.user.username})
    return Target(TargetKind.BOOKMARK, bookmark.pk, _label(label), url, bookmark.work_id)


def _user(viewer: Viewer, target_id: int) -> Target:
    user = User.objects.filter(pk=target_id, is_active=True, is_system=False).first()
    if user is None:
        raise TargetGone
    url = reverse("accounts:user", kwargs={"username": user.username})
    return Target(TargetKind.USER, user.pk, _label(f"The account {user.username}"), url)


def _tag(viewer: Viewer, target_id: int) -> Target:
    tag = Tag.objects.shown_with(works_visible(viewer)).filter(pk=target_id).first()
    if tag is None:
        raise TargetGone
    url = reverse("tags:detail", kwargs={"name": tag.name})
    return Target(TargetKind.TAG, tag.pk, _label(f"The tag {tag.name}"), url)


_FINDERS = {
    TargetKind.WORK: _work,
    TargetKind.CHAPTER: _chapter,
    TargetKind.COMMENT: _comment,
    TargetKind.BOOKMARK: _bookmark,
    TargetKind.USER: _user,
    TargetKind.TAG: _tag,
}


def target_find(viewer: Viewer, kind: str, target_id: int) -> Target:
    """The thing ``kind``/``target_id`` as ``viewer`` may see it, or ``TargetGone``."""
    finder = _FINDERS.get(kind)
    if finder is None:
        raise TargetGone
    try:
        return finder(viewer, int(target_id))
    except TargetGone:
        raise
    except Http404 as exc:
        raise TargetGone from exc
