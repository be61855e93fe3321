"""Reading history and Marked for Later: the writes (the reads of their pages are in ``selectors.history``).

Opening a chapter costs one statement (``reading_record``): an upsert that also checks, inside the same
statement, that the reader has not turned their history off. The reading-position script then posts the last
paragraph seen (``reading_position_save``), so "continue reading" can lead back to it. An entry whose work
was deleted stays (remembering its title) until the reader removes it, by the entry's id.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from scriptorium.interactions.models import HistoryPause, Reading
from scriptorium.works.models import Work

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User

    Actor = User | AnonymousUser

#: Paragraph numbers above this are not believed (a chapter has far fewer).
PARAGRAPH_MAX = 100_000


#: ``chapters_seen``: the work's posted chapters as it is read, so later ones are "new since you read".
_UPSERT = (
    "INSERT INTO {reading} (user_id, work_id, chapter_id, paragraph, views, last_read_at, marked_for_later, "
    "work_title, work_creators, work_fandoms, chapters_seen) "
    "SELECT %s, %s, %s, 0, 1, %s, %s, '', %s, %s, COALESCE((SELECT chapter_count FROM {work} WHERE id = %s), 0) "
    "WHERE NOT EXISTS (SELECT 1 FROM {pause} WHERE user_id = %s) "
    "ON CONFLICT (user_id, work_id) DO UPDATE SET views = {reading}.views + 1, "
    "last_read_at = excluded.last_read_at, chapters_seen = excluded.chapters_seen, "
)
#: Opening a chapter: the reading moves there (from its top, unless it was already there).
_MOVE = (
    "paragraph = CASE WHEN {reading}.chapter_id = excluded.chapter_id THEN {reading}.paragraph ELSE 0 END, "
    "chapter_id = excluded.chapter_id"
)
#: Opening the work's front page: the place already recorded stays (so "continue reading" still leads there).
_KEEP = "chapter_id = COALESCE({reading}.chapter_id, excluded.chapter_id)"


def _upsert_sql(*, keep_place: bool) -> str:
    """Only the table names (from the models) are formatted in; every value is a query parameter."""
    reading = connection.ops.quote_name(Reading._meta.db_table)
    pause = connection.ops.quote_name(HistoryPause._meta.db_table)
    work = connection.ops.quote_name(Work._meta.db_table)
    return (_UPSERT + (_KEEP if keep_place else _MOVE)).format(reading=reading, pause=pause, work=work)


def reading_record(
    *, user_id: int, work_id: int, chapter_id: int, keep_place: bool = False, at: datetime.datetime | None = None
) -> None:
    """Note that the account opened ``chapter_id`` of ``work_id`` now (nothing when its history is off).

    ``keep_place``: the work's front page (or the whole work) was opened, not a chapter: count the reading
    but leave the chapter and paragraph already recorded where they are.
    """
    with connection.cursor() as cursor:
        nothing_remembered = Reading._meta.get_field("work_creators").get_db_prep_value([], connection)
        cursor.execute(
            _upsert_sql(keep_place=keep_place),
            [
                user_id,
                work_id,
                chapter_id,
                at or timezone.now(),
                False,
                nothing_remembered,
                nothing_remembered,
                work_id,
                user_id,
            ],
        )


def reading_position_save(*, actor: Actor, work_id: int, chapter_id: int, paragraph: int) -> bool:
    """Remember the paragraph the reader was at as they left the chapter (one UPDATE). Only for the chapter the
    history holds: a late beacon from a page already left cannot undo the move to the chapter opened since."""
    if not actor.is_authenticated or not 0 < paragraph <= PARAGRAPH_MAX:
        return False
    from scriptorium.interactions.services.history_buffer import history_flush

    history_flush()  # the chapter just opened may still be buffered: the place moves there first
    updated = (
        Reading.objects.filter(user=actor, work_id=work_id, chapter_id=chapter_id)
        .filter(~Exists(HistoryPause.objects.filter(user=OuterRef("user"))))
        .update(paragraph=paragraph)
    )
    return bool(updated)


def reading_place_set(*, actor: Actor, work_id: int, chapter_id: int, paragraph: int) -> Reading | None:
    """Move the reader's place in a work to a chapter and paragraph read somewhere else (an e-reader, through the
    kosync app), as if they had just read there: the history entry's chapter, paragraph and time change, so
    "continue reading" leads there. The visit count is not raised (an e-reader reports its place many times per
    sitting), but a work not yet in the history enters it. Nothing when the history is off, answering None.
    The caller has checked that the reader may open the work and that the chapter is one of its chapters."""
    if not actor.is_authenticated or not 0 <= paragraph <= PARAGRAPH_MAX:
        return None
    if HistoryPause.objects.filter(user=actor).exists():
        return None
    now = timezone.now()
    seen = Work.objects.filter(pk=work_id).values_list("chapter_count", flat=True).first() or 0
    place = {"chapter_id": chapter_id, "paragraph": paragraph, "last_read_at": now, "chapters_seen": seen}
    with transaction.atomic():
        reading, created = Reading.objects.select_for_update().get_or_create(
            user=actor, work_id=work_id, defaults={**place, "views": 1}
        )
        if not created:
            for field, value in place.items():
                setattr(reading, field, value)
            reading.views = max(reading.views, 1)
            reading.save(update_fields=[*place, "views"])
    return reading


def _require(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise PermissionDenied("Please log in first.")


def history_set_enabled(*, actor: Actor, enabled: bool) -> None:
    """Turn the reading history on or off (what is already in it stays until cleared)."""
    _require(actor)
    if enabled:
        HistoryPause.objects.filter(user=actor).delete()
    else:
        HistoryPause.objects.get_or_create(user=actor)


_FORGET = {"views": 0, "chapter": None, "paragraph": 0, "last_read_at": None}


def history_clear(*, actor: Actor) -> int:
    """Forget every reading (works marked for later stay marked). Answers how many entries went."""
    _require(actor)
    with transaction.atomic():
        mine = Reading.objects.filter(user=actor, views__gt=0)
        count = mine.count()
        mine.filter(marked_for_later=False).delete()
        mine.update(**_FORGET)
    return count


def _history_forget(entries: QuerySet[Reading]) -> bool:
    with transaction.atomic():
        mine = entries.filter(views__gt=0)
        found = mine.exists()
        mine.filter(marked_for_later=False).delete()
        mine.update(**_FORGET)
    return found


def history_delete(*, actor: Actor, work_id: int) -> bool:
    """Forget one work's reading (it stays marked for later when it was)."""
    _require(actor)
    return _history_forget(Reading.objects.filter(user=actor, work_id=work_id))


def history_entry_delete(*, actor: Actor, reading_id: int) -> bool:
    """Forget one entry of one's history by its own id: a deleted work's entry has no work to name it by."""
    _require(actor)
    return _history_forget(Reading.objects.filter(user=actor, pk=reading_id))


def later_mark(*, actor: Actor, work: Work) -> Reading:
    """Mark a work for later (a work the reader could not find in a listing answers as missing)."""
    _require(actor)
    if not Work.objects.listed_for(actor).filter(pk=work.pk).exists():
        raise Work.DoesNotExist("No work found.")
    now = timezone.now()
    reading, created = Reading.objects.get_or_create(
        user=actor, work=work, defaults={"marked_for_later": True, "marked_at": now}
    )
    if not created and not reading.marked_for_later:
        Reading.objects.filter(pk=reading.pk).update(marked_for_later=True, marked_at=now)
        reading.marked_for_later, reading.marked_at = True, now
    return reading


def _later_forget(entries: QuerySet[Reading]) -> bool:
    with transaction.atomic():
        mine = entries.filter(marked_for_later=True)
        found = mine.exists()
        mine.filter(views=0).delete()
        mine.update(marked_for_later=False, marked_at=None)
    return found


def later_unmark(*, actor: Actor, work_id: int) -> bool:
    """Take a work off Marked for Later (its reading history stays)."""
    _require(actor)
    return _later_forget(Reading.objects.filter(user=actor, work_id=work_id))


def later_entry_remove(*, actor: Actor, reading_id: int) -> bool:
    """Take one entry off Marked for Later by its own id (a deleted work's entry has no work to name it by)."""
    _require(actor)
    return _later_forget(Reading.objects.filter(user=actor, pk=reading_id))
