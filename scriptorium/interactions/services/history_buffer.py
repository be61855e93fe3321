"""Reading history without a write on the reading path: a work page notes the reading in the cache, and a
flush writes the readings noted since the last one, in one transaction (``history.reading_record`` for each).

The buffer is a counter ``seq`` handing out positions and one key per position holding the reading (account,
work, chapter, whether the chapter stays, when). ``history_flush`` writes the positions after the last one
flushed (kept in the cache beside them) and moves that mark; one flush runs at a time (a lock in the cache).
A position whose key is missing is waited for once (its request may still be writing it), then given up.

Who reads the history flushes first, so a reader's own history page (and the API's, and the reading-position
beacon, which moves the place the history holds) shows the reading they just did. With the per-process memory
cache each server process flushes its own buffer every ``SCRIPTORIUM_HISTORY_FLUSH_SECONDS`` (a reading noted by
another process shows within that); with Redis the buffer is shared and every flush sees it all.
``SCRIPTORIUM_HISTORY_BUFFER`` off writes each reading at once, as before.
"""

from __future__ import annotations

import atexit
import datetime
import logging
import os
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, transaction
from django.utils import timezone

from scriptorium.interactions.services.history import reading_record

logger = logging.getLogger(__name__)

SEQ_KEY = "history:seq"
MARK_KEY = "history:flushed"
WAITED_KEY = "history:waited"
LOCK_KEY = "history:flushing"
SLOT_SECONDS = 14 * 24 * 60 * 60
BATCH = 2_000


def _slot_key(position: int) -> str:
    return f"history:slot:{position}"


def buffered() -> bool:
    return bool(getattr(settings, "SCRIPTORIUM_HISTORY_BUFFER", True))


def reading_note(*, user_id: int, work_id: int, chapter_id: int, keep_place: bool = False) -> None:
    """Note that the account opened ``chapter_id`` of ``work_id`` now: in the buffer (no database access), or,
    with the buffer off, written at once."""
    if not buffered():
        reading_record(user_id=user_id, work_id=work_id, chapter_id=chapter_id, keep_place=keep_place)
        return
    cache.add(SEQ_KEY, 0, timeout=None)
    try:
        position = cache.incr(SEQ_KEY)
    except ValueError:  # evicted between add and incr
        cache.add(SEQ_KEY, 0, timeout=None)
        position = cache.incr(SEQ_KEY)
    reading = (user_id, work_id, chapter_id, keep_place, timezone.now().timestamp())
    cache.set(_slot_key(position), reading, timeout=SLOT_SECONDS)
    _ensure_flusher()


def history_flush() -> int:
    """Write every buffered reading into the history; answer how many were written."""
    if not buffered() or not cache.add(LOCK_KEY, 1, timeout=120):
        return 0
    try:
        return _flush()
    finally:
        cache.delete(LOCK_KEY)


def _flush() -> int:
    written = 0
    while True:
        high = cache.get(SEQ_KEY) or 0
        mark = cache.get(MARK_KEY) or 0
        if mark > high:  # the counter was lost (a restarted cache): start again
            mark = 0
        end = min(high, mark + BATCH)
        if end <= mark:
            return written
        keys = [_slot_key(position) for position in range(mark + 1, end + 1)]
        found = cache.get_many(keys)
        waited = cache.get(WAITED_KEY)
        position = mark
        with transaction.atomic():
            for number, key in enumerate(keys, start=mark + 1):
                if key not in found and waited != number:
                    cache.set(WAITED_KEY, number, timeout=None)  # perhaps still being written: next flush
                    break
                if key in found:
                    user_id, work_id, chapter_id, keep_place, stamp = found[key]
                    at = datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)
                    reading_record(
                        user_id=user_id, work_id=work_id, chapter_id=chapter_id, keep_place=keep_place, at=at
                    )
                    written += 1
                position = number
        cache.set(MARK_KEY, position, timeout=None)
        cache.delete_many(keys[: position - mark])
        if position < end:
            return written


# --- The flusher thread of a server process --------------------------------------------------------------

_flusher_lock = threading.Lock()
_flusher_pid: int | None = None


def flush_interval() -> int:
    return int(getattr(settings, "SCRIPTORIUM_HISTORY_FLUSH_SECONDS", 5))


def _flush_quietly() -> None:
    try:
        history_flush()
    except Exception:  # the next flush tries again; the buffer keeps the readings
        logger.exception("Flushing buffered reading history failed")
    finally:
        close_old_connections()


def _flusher_loop(interval: int) -> None:
    while True:
        time.sleep(interval)
        _flush_quietly()


def _ensure_flusher() -> None:
    """Start this process's flusher thread with its first buffered reading (web servers only: see hits)."""
    global _flusher_pid
    from scriptorium.interactions.services.hits import background_flush_enabled

    if not background_flush_enabled() or _flusher_pid == os.getpid() or flush_interval() <= 0:
        return
    with _flusher_lock:
        if _flusher_pid == os.getpid():
            return
        thread = threading.Thread(
            target=_flusher_loop, args=(flush_interval(),), name="scriptorium-history-flush", daemon=True
        )
        thread.start()
        _flusher_pid = os.getpid()
        atexit.register(_flush_quietly)
