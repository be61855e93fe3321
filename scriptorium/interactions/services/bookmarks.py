"""Bookmark writes: creating, editing and deleting bookmarks (what a bookmark form takes is in ``inputs``).

A bookmark can only be made of a work or series the bookmarker could find in a listing (a draft, or a
restricted work for a guest, answers as a missing one). ``Work.bookmarks_count`` counts public bookmarks: it
goes up here with an F() update, and down in the ``post_delete`` receiver (so cascades are counted too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from scriptorium.accounts.moderators import is_moderator
from scriptorium.accounts.selectors import suspension_check
from scriptorium.core.spam import SpamCandidate, SpamKind, Verdict, plain_text, spam_check
from scriptorium.interactions.inputs import BookmarkInput, ExternalInput
from scriptorium.interactions.models import Bookmark, ExternalWork
from scriptorium.interactions.services.common import work_counter_bump, work_interactions_changed
from scriptorium.works.models import Series, SeriesPart, Work

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Actor = User | AnonymousUser

BOOKMARK_TWICE = {
    "work": "You have already bookmarked this work. You can edit that bookmark instead.",
    "series": "You have already bookmarked this series. You can edit that bookmark instead.",
    "external": "You have already bookmarked this link. You can edit that bookmark instead.",
}
GUESTS_CANNOT = "Please log in to bookmark."
#: What the bookmarker is told when the spam check keeps a bookmark meant to be public private.
HELD_PRIVATE = (
    "Your bookmark looks like spam to the archive ({why}), so it was saved as private: only you can see it. "
    "Edit its notes and make it public again when they read as your own words."
)


def _spam_hold(actor: Actor, private: bool, notes: str, tags: list[str], external: dict | None) -> str:
    """Judge a bookmark meant to be public (its notes, tags and an external work's description); answer why it is
    held private ("" when it may be public). Private bookmarks, staff and moderators are not judged."""
    if private or actor.is_staff or is_moderator(actor):
        return ""
    parts = [notes, ", ".join(tags)]
    if external:
        parts += [external.get("title", ""), external.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if not html:
        return ""
    candidate = SpamCandidate(
        text=plain_text(html),
        html=html,
        kind=SpamKind.BOOKMARK,
        user_id=actor.pk,
        account_created=actor.date_joined,
    )
    result = spam_check().check(candidate)
    return result.why if result.verdict == Verdict.SPAM else ""


def _check_actor(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise PermissionDenied(GUESTS_CANNOT)


def check_work_bookmarkable(actor: Actor, work: Work) -> None:
    """A work the actor could not find in a listing (a draft; restricted, for a guest) answers as missing."""
    if not Work.objects.listed_for(actor).filter(pk=work.pk).exists():
        raise Work.DoesNotExist("No work found.")


def check_series_bookmarkable(actor: Actor, series: Series) -> None:
    """A series shows only when it has a work listed for the actor; otherwise it answers as missing."""
    if not SeriesPart.objects.filter(series=series, work__in=Work.objects.listed_for(actor)).exists():
        raise Series.DoesNotExist("No series found.")


def _merge_errors(*checks: object) -> tuple[list[object], dict[str, list[str]]]:
    results: list[object] = []
    errors: dict[str, list[str]] = {}
    for check in checks:
        try:
            results.append(check())
        except ValidationError as exc:
            errors.update(exc.message_dict)
            results.append(None)
    return results, errors


def bookmark_create(
    *,
    actor: Actor,
    data: BookmarkInput,
    work: Work | None = None,
    series: Series | None = None,
    external: ExternalInput | None = None,
) -> Bookmark:
    """Bookmark one work, series or external work (exactly one), once per account."""
    if sum(x is not None for x in (work, series, external)) != 1:
        raise ValueError("Bookmark exactly one of: a work, a series, an external work.")
    if work is not None:
        check_work_bookmarkable(actor, work)
    if series is not None:
        check_series_bookmarkable(actor, series)
    _check_actor(actor)
    if not data.private:
        suspension_check(actor)
    checks = [data.validate] + ([external.validate] if external is not None else [])
    results, errors = _merge_errors(*checks)
    if errors:
        raise ValidationError(errors)
    notes, tags = results[0]
    kind = "work" if work is not None else "series" if series is not None else "external"
    mine = Bookmark.objects.filter(user=actor)
    if work is not None:
        duplicate = mine.filter(work=work).exists()
    elif series is not None:
        duplicate = mine.filter(series=series).exists()
    else:
        duplicate = mine.filter(external__url=results[1]["url"]).exists()
    if duplicate:
        raise ValidationError(BOOKMARK_TWICE[kind], code="twice")
    held = _spam_hold(actor, data.private, notes, tags, results[1] if external is not None else None)
    private = data.private or bool(held)
    try:
        with transaction.atomic():
            target: dict[str, object] = {"work": work, "series": series}
            if external is not None:
                target["external"] = ExternalWork.objects.create(**results[1])
            bookmark = Bookmark.objects.create(
                user=actor, notes=notes, tags=tags, rec=data.rec, private=private, **target
            )
            if bookmark.counts:
                work_counter_bump(bookmark.work_id, "bookmarks_count", 1)
    except IntegrityError:  # the same reader's other request won the race
        raise ValidationError(BOOKMARK_TWICE[kind], code="twice") from None
    bookmark.held_message = HELD_PRIVATE.format(why=held) if held else ""
    return bookmark


def _check_owner(actor: Actor, bookmark: Bookmark) -> None:
    if not actor.is_authenticated or bookmark.user_id != actor.pk:
        raise PermissionDenied("Only the bookmarker can change this bookmark.")


def bookmark_update(
    *, actor: Actor, bookmark: Bookmark, data: BookmarkInput, external: ExternalInput | None = None
) -> Bookmark:
    """Change one's own bookmark (notes, tags, flags; for an external work, its description too)."""
    _check_owner(actor, bookmark)
    if not data.private:
        suspension_check(actor)
    checks = [data.validate] + ([external.validate] if external is not None and bookmark.external_id else [])
    results, errors = _merge_errors(*checks)
    if errors:
        raise ValidationError(errors)
    notes, tags = results[0]
    if len(results) > 1 and results[1]:
        described = results[1]
    elif bookmark.external_id:
        described = {"title": bookmark.external.title, "summary": bookmark.external.summary}
    else:
        described = None
    held = _spam_hold(actor, data.private, notes, tags, described)
    with transaction.atomic():
        locked = Bookmark.objects.select_for_update().get(pk=bookmark.pk)
        counted = locked.counts
        locked.notes, locked.tags, locked.rec, locked.private = notes, tags, data.rec, data.private or bool(held)
        locked.save(update_fields=["notes", "tags", "rec", "private", "updated_at"])
        if locked.work_id:
            work_interactions_changed(locked.work_id)  # its notes and tags show on the work's bookmarks
        if locked.work_id and counted != locked.counts:
            work_counter_bump(locked.work_id, "bookmarks_count", 1 if locked.counts else -1)
        if len(results) > 1 and results[1]:
            ExternalWork.objects.filter(pk=locked.external_id).update(**results[1])
    bookmark.refresh_from_db()
    bookmark.held_message = HELD_PRIVATE.format(why=held) if held else ""
    return bookmark


def bookmark_delete(*, actor: Actor, bookmark: Bookmark) -> None:
    """Delete one's own bookmark (the ``post_delete`` receiver moves the work's counter)."""
    _check_owner(actor, bookmark)
    with transaction.atomic():
        if bookmark.external_id:
            ExternalWork.objects.filter(pk=bookmark.external_id).delete()  # takes the bookmark with it
        else:
            Bookmark.objects.filter(pk=bookmark.pk).delete()
        if bookmark.work_id:
            work_interactions_changed(bookmark.work_id)
