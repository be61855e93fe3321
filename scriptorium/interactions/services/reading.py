"""A reader opened a work's page: what the visit counts, called by the work view itself. Nothing is written to
the database here: the hit and the reading in the history are buffered in the cache and flushed later."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptorium.core.pagecache import replay_on_hit
from scriptorium.interactions.services.history_buffer import reading_note
from scriptorium.interactions.services.hits import hits_record, reader_key
from scriptorium.works.selectors import is_creator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from scriptorium.accounts.models import User
    from scriptorium.works.models import Chapter, Work

    Actor = User | AnonymousUser


def work_read_record(
    *, actor: Actor, work: Work, shown: list[Chapter], guest_key: str = "", keep_place: bool = False
) -> None:
    """Count the visit of a reader who opened ``work`` showing the chapters ``shown``: a hit (in the cache only;
    on the chapter too when it was opened on its own page) and, for an account, the reading in its history (one
    upsert, which records nothing when the history is off). Drafts and the work's own creators count nothing.

    ``guest_key``: a guest's transient key (``guests.transient_guest_key``); ``keep_place``: the work's front
    page (or the whole work) was opened, so the chapter already recorded in the history stays.
    """
    if not work.posted or is_creator(actor, work):
        return
    chapter_id = shown[0].pk if len(shown) == 1 else None  # a chapter read on its own page
    hits_record(work_id=work.pk, reader=reader_key(user_id=actor.pk, guest_key=guest_key), chapter_id=chapter_id)
    if not actor.is_authenticated:  # the page cache counts it again for each guest given this page
        replay_on_hit("hit", work_id=work.pk, chapter_id=chapter_id)
    if actor.is_authenticated and shown:
        reading_note(user_id=actor.pk, work_id=work.pk, chapter_id=shown[0].pk, keep_place=keep_place)
