"""Hits: one per reader per work per day, recorded in the cache and flushed into the database later.

Recording a hit never touches the database. It takes one cache key per reader, work and day (``add`` answers
whether the key is new, atomically, so a reader's second visit that day is no hit) and appends the hit to a
buffer: a counter ``seq`` handing out positions and one key per position holding "<work id>:<day>".

``hits_flush`` reads the positions after the last one flushed and, in one transaction, adds them to
``HitTally`` (per work and day) and to ``Work.hits_count``, and moves the flush mark (``HitFlushMark``). The
mark lives in the database with the counts, so a flush counts each hit exactly once even if it is
interrupted or runs in several processes at once. A position whose key is missing is waited for once (its
request may still be writing it) and then given up as lost: hits can be lost to cache eviction, never
doubled. Each cache gets its own ``epoch``, so a restarted cache starts a fresh buffer and mark.

With the default per-process memory cache only the server process that recorded a hit can flush it, so each
server process runs a flusher thread (``enable_background_flush``, called by ``scriptorium.wsgi``); and each
process remembers its own readers, so with several server processes a reader whose requests reach two of them
on one day counts once in each. A shared cache (Redis) makes the daily dedupe exact across processes, and then
``scriptorium hits flush`` or the ``hits_flush_task`` task can flush from anywhere too.
"""

from __future__ import annotations

import atexit
import datetime
import logging
import os
import secrets
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import F
from django.utils import timezone

from scriptorium.interactions.models import ChapterHitTally, HitFlushMark, HitTally
from scriptorium.works.models import Chapter, Work

logger = logging.getLogger(__name__)

EPOCH_KEY = "hits:epoch"
#: Dedupe keys name their day; they only need to outlive it.
SEEN_SECONDS = 2 * 24 * 60 * 60
#: Buffered hits wait this long for a flush before the cache may drop them.
SLOT_SECONDS = 14 * 24 * 60 * 60
BATCH = 5_000
#: Flush marks of caches not seen for this long are removed.
MARK_KEEP = datetime.timedelta(days=30)


def _epoch(*, create: bool) -> str | None:
    epoch = cache.get(EPOCH_KEY)
    if epoch is None and create:
        cache.add(EPOCH_KEY, secrets.token_hex(8), timeout=None)
        epoch = cache.get(EPOCH_KEY)
    return epoch


def _seq_key(epoch: str) -> str:
    return f"hits:{epoch}:seq"


def _slot_key(epoch: str, position: int) -> str:
    return f"hits:{epoch}:{position}"


def reader_key(*, user_id: int | None, guest_key: str = "") -> str:
    """Who a hit is from: an account, or a guest's transient key (``guests.transient_guest_key``)."""
    return f"u{user_id}" if user_id is not None else f"g{guest_key}"


def hits_record(*, work_id: int, reader: str, day: datetime.date | None = None, chapter_id: int | None = None) -> bool:
    """Count a hit from ``reader`` on the work unless they were counted today, and (when ``chapter_id`` is
    given: a chapter opened on its own page) one on that chapter unless counted today. No database access.
    Answers whether the work's hit counted."""
    day = day or timezone.localdate()
    stamp = f"{day:%Y%m%d}"
    counted = cache.add(f"hits:seen:{stamp}:{work_id}:{reader}", 1, timeout=SEEN_SECONDS)
    if counted:
        _buffer(f"{work_id}:{stamp}")
    if chapter_id is not None and cache.add(f"hits:seen:{stamp}:c{chapter_id}:{reader}", 1, timeout=SEEN_SECONDS):
        _buffer(f"{work_id}:{stamp}:{chapter_id}")
    return counted


def _buffer(value: str) -> None:
    """Append one hit to the buffer (a position from ``seq``, then the slot holding ``value``)."""
    epoch = _epoch(create=True)
    seq = _seq_key(epoch)
    cache.add(seq, 0, timeout=None)
    try:
        position = cache.incr(seq)
    except ValueError:  # evicted between add and incr
        cache.add(seq, 0, timeout=None)
        position = cache.incr(seq)
    cache.set(_slot_key(epoch, position), value, timeout=SLOT_SECONDS)
    _ensure_flusher()


def hits_pending() -> int:
    """How many recorded hits (on works and on chapters) this cache holds that no flush has counted yet
    (roughly: for status output)."""
    epoch = _epoch(create=False)
    if epoch is None:
        return 0
    high = cache.get(_seq_key(epoch)) or 0
    mark = HitFlushMark.objects.filter(epoch=epoch).values_list("position", flat=True).first() or 0
    return max(0, high - mark)


def _parse(value: object) -> tuple[int, datetime.date, int | None] | None:
    """A slot's "<work id>:<day>" (a work's hit) or "<work id>:<day>:<chapter id>" (a chapter's)."""
    try:
        work_text, stamp, *chapter = str(value).split(":")
        day = datetime.datetime.strptime(stamp, "%Y%m%d").date()
        if len(chapter) > 1:
            return None
        return int(work_text), day, int(chapter[0]) if chapter else None
    except ValueError:
        return None


def _tally_add(model: type[HitTally] | type[ChapterHitTally], count: int, **key: object) -> None:
    """Add ``count`` to the daily tally row ``key`` names (a work's or a chapter's, and a day), creating it."""
    if model.objects.filter(**key).update(count=F("count") + count):
        return
    try:
        with transaction.atomic():
            model.objects.create(count=count, **key)
    except IntegrityError:  # another cache's flush created it just now
        model.objects.filter(**key).update(count=F("count") + count)


def _add_chapter_tallies(counts: Counter[tuple[int, datetime.date]]) -> None:
    """Add chapter hits to their daily tallies (chapters deleted meanwhile are skipped)."""
    existing = set(Chapter.objects.filter(pk__in={c for c, _ in counts}).values_list("pk", flat=True))
    for (chapter_id, day), count in sorted(counts.items()):
        if chapter_id in existing:
            _tally_add(ChapterHitTally, count, chapter_id=chapter_id, day=day)


def _add_tallies(counts: Counter[tuple[int, datetime.date, int | None]]) -> None:
    """Add counted hits to the daily tallies and the works' counters (works deleted meanwhile are skipped)."""
    chapters: Counter[tuple[int, datetime.date]] = Counter()
    works: Counter[tuple[int, datetime.date]] = Counter()
    for (work_id, day, chapter_id), count in counts.items():
        if chapter_id is None:
            works[work_id, day] += count
        else:
            chapters[chapter_id, day] += count
    _add_chapter_tallies(chapters)
    existing = set(Work.objects.filter(pk__in={w for w, _ in works}).values_list("pk", flat=True))
    per_work: Counter[int] = Counter()
    for (work_id, day), count in sorted(works.items()):
        if work_id not in existing:
            continue
        per_work[work_id] += count
        _tally_add(HitTally, count, work_id=work_id, day=day)
    for work_id, count in per_work.items():
        Work.objects.filter(pk=work_id).update(hits_count=F("hits_count") + count)


def _flush_batch(epoch: str) -> tuple[int, bool]:
    """Flush up to BATCH positions; answer (hits counted, whether more are ready)."""
    high = cache.get(_seq_key(epoch)) or 0
    with transaction.atomic():
        HitFlushMark.objects.get_or_create(epoch=epoch)
        mark = HitFlushMark.objects.select_for_update().get(epoch=epoch)
        start = mark.position
        end = min(high, start + BATCH)
        if end <= start:
            return 0, False
        keys = [_slot_key(epoch, position) for position in range(start + 1, end + 1)]
        found = cache.get_many(keys)
        counts: Counter[tuple[int, datetime.date, int | None]] = Counter()
        position, lost = start, 0
        for number, key in enumerate(keys, start=start + 1):
            parsed = _parse(found[key]) if key in found else None
            if parsed is None:
                if number > mark.seen_high and key not in found:
                    break  # perhaps still being written: wait for the next flush
                lost += 1
            else:
                counts[parsed] += 1
            position = number
        _add_tallies(counts)
        mark.position = position
        # Positions up to ``high`` exist by now; the next flush gives up those still missing (after a break it
        # comes one interval later). Without a break, only the positions examined are known to be written.
        mark.seen_high = max(mark.seen_high, high if position < end else end)
        mark.lost += lost
        mark.save()
    cache.delete_many(keys[: position - start])
    if lost:
        logger.warning("%s buffered hits were lost from the cache before a flush", lost)
    return sum(n for (_, _, chapter), n in counts.items() if chapter is None), position == end and end < high


def hits_flush() -> int:
    """Count every buffered hit into the database; answer how many were counted."""
    epoch = _epoch(create=False)
    if epoch is None:
        return 0
    total = 0
    more = True
    while more:
        counted, more = _flush_batch(epoch)
        total += counted
    HitFlushMark.objects.filter(updated_at__lt=timezone.now() - MARK_KEEP).exclude(epoch=epoch).delete()
    return total


# --- The flusher thread of a server process --------------------------------------------------------------

_flusher_lock = threading.Lock()
_flusher_wanted = False
_flusher_pid: int | None = None


def flush_interval() -> int:
    return int(getattr(settings, "SCRIPTORIUM_HITS_FLUSH_SECONDS", 300))


def enable_background_flush() -> None:
    """Let this process (a web server's) flush its buffered hits every ``SCRIPTORIUM_HITS_FLUSH_SECONDS``.

    The thread starts with the first hit recorded in each process (so it also starts after a fork)."""
    global _flusher_wanted
    _flusher_wanted = True


def background_flush_enabled() -> bool:
    """Whether this process flushes its buffers itself (a web server's, see ``enable_background_flush``)."""
    return _flusher_wanted


def _flush_quietly() -> None:
    try:
        hits_flush()
    except Exception:  # a failed flush is retried by the next one; the buffer keeps the hits
        logger.exception("Flushing buffered hits failed")
    finally:
        close_old_connections()


def _flusher_loop(interval: int) -> None:
    while True:
        time.sleep(interval)
        _flush_quietly()


def _ensure_flusher() -> None:
    global _flusher_pid
    if not _flusher_wanted or _flusher_pid == os.getpid() or flush_interval() <= 0:
        return
    with _flusher_lock:
        if _flusher_pid == os.getpid():
            return
        thread = threading.Thread(
            target=_flusher_loop, args=(flush_interval(),), name="scriptorium-hits-flush", daemon=True
        )
        thread.start()
        _flusher_pid = os.getpid()
        atexit.register(_flush_quietly)
