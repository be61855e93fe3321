"""Hits: one per reader per work per day, recorded in the cache only, flushed into the counters exactly once."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scriptorium.interactions.models import ChapterHitTally, HitFlushMark, HitTally
from scriptorium.interactions.services import hits
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 5, 14)


def _hits(work: Work) -> int:
    work.refresh_from_db()
    return work.hits_count


def test_recording_a_hit_touches_no_database(work, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        assert hits.hits_record(work_id=work.pk, reader="u1")
        assert not hits.hits_record(work_id=work.pk, reader="u1")


def test_a_guest_reading_a_work_writes_nothing_to_the_database(client, work) -> None:
    client.get(f"/works/{work.pk}")  # warm up
    with CaptureQueriesContext(connection) as context:
        assert client.get(f"/works/{work.pk}", REMOTE_ADDR="192.0.2.99").status_code == 200

    writes = [q["sql"] for q in context.captured_queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE"}]
    writes += [q["sql"] for q in context.captured_queries if q["sql"].split()[0].upper() == "DELETE"]
    assert writes == []
    assert hits.hits_pending() == 4  # two readers, each a hit on the work and one on its first chapter


def test_one_hit_per_reader_per_work_per_day(work) -> None:
    other = make_work(creator=work.creators.first().user)

    recorded = [
        hits.hits_record(work_id=work.pk, reader="u1", day=DAY),
        hits.hits_record(work_id=work.pk, reader="u1", day=DAY),
        hits.hits_record(work_id=work.pk, reader="u2", day=DAY),
        hits.hits_record(work_id=other.pk, reader="u1", day=DAY),
        hits.hits_record(work_id=work.pk, reader="u1", day=DAY + datetime.timedelta(days=1)),
    ]

    assert recorded == [True, False, True, True, True]
    assert hits.hits_flush() == 4
    assert _hits(work) == 3 and _hits(other) == 1
    assert dict(HitTally.objects.filter(work=work).values_list("day", "count")) == {
        DAY: 2,
        DAY + datetime.timedelta(days=1): 1,
    }


def test_a_flush_counts_each_hit_once(work) -> None:
    for n in range(5):
        hits.hits_record(work_id=work.pk, reader=f"u{n}")

    assert hits.hits_flush() == 5
    assert hits.hits_flush() == 0
    hits.hits_record(work_id=work.pk, reader="u9")
    assert hits.hits_flush() == 1
    assert _hits(work) == 6
    assert hits.hits_pending() == 0


def test_page_views_count_readers_not_creators_or_repeat_visits(client, work, user) -> None:
    reader = UserFactory()
    for _ in range(3):
        client.get(f"/works/{work.pk}", REMOTE_ADDR="192.0.2.1")
    client.get(f"/works/{work.pk}", REMOTE_ADDR="192.0.2.2")
    client.force_login(reader)
    client.get(f"/works/{work.pk}")
    client.get(f"/works/{work.pk}?view_full_work=true")
    client.force_login(user)
    client.get(f"/works/{work.pk}")  # the creator

    hits.hits_flush()

    assert _hits(work) == 3
    assert "<dt>Hits:</dt><dd>3</dd>" in client.get(f"/works/{work.pk}").content.decode()


def test_drafts_and_adult_notices_count_no_hits(client, user) -> None:
    draft = make_work(creator=user, post=False)
    adult = make_work(creator=user, rating="Explicit")
    client.force_login(user)
    client.get(f"/works/{draft.pk}")
    client.logout()
    client.get(f"/works/{adult.pk}")  # the notice, not the work

    assert hits.hits_flush() == 0
    client.get(f"/works/{adult.pk}?view_adult=true")
    assert hits.hits_flush() == 1


def test_a_hit_still_being_written_waits_for_the_next_flush(work) -> None:
    hits.hits_record(work_id=work.pk, reader="u1")
    epoch = cache.get(hits.EPOCH_KEY)
    position = cache.incr(hits._seq_key(epoch))  # a request between its incr and its set
    hits.hits_record(work_id=work.pk, reader="u2")

    assert hits.hits_flush() == 1  # stops before the gap
    cache.set(hits._slot_key(epoch, position), f"{work.pk}:{datetime.date.today():%Y%m%d}")
    assert hits.hits_flush() == 2
    assert _hits(work) == 3


def test_a_hit_lost_from_the_cache_is_skipped_never_doubled(work) -> None:
    hits.hits_record(work_id=work.pk, reader="u1")
    hits.hits_record(work_id=work.pk, reader="u2")
    hits.hits_record(work_id=work.pk, reader="u3")
    epoch = cache.get(hits.EPOCH_KEY)
    cache.delete(hits._slot_key(epoch, 2))  # evicted

    assert hits.hits_flush() == 1
    assert hits.hits_flush() == 1  # the gap was seen before: given up as lost
    assert _hits(work) == 2
    assert HitFlushMark.objects.get(epoch=epoch).lost == 1


def test_a_restarted_cache_starts_a_fresh_buffer(work) -> None:
    hits.hits_record(work_id=work.pk, reader="u1")
    hits.hits_flush()
    cache.clear()

    hits.hits_record(work_id=work.pk, reader="u1")
    hits.hits_record(work_id=work.pk, reader="u2")

    assert hits.hits_flush() == 2
    assert _hits(work) == 3
    assert HitFlushMark.objects.count() == 2


def test_hits_on_a_deleted_work_are_dropped(work, user) -> None:
    gone = make_work(creator=user)
    hits.hits_record(work_id=gone.pk, reader="u1")
    hits.hits_record(work_id=work.pk, reader="u1")
    gone.delete()

    assert hits.hits_flush() == 2  # counted through the buffer, applied only where the work exists
    assert _hits(work) == 1


def test_large_buffers_flush_in_batches(work, monkeypatch) -> None:
    monkeypatch.setattr(hits, "BATCH", 3)
    for n in range(10):
        hits.hits_record(work_id=work.pk, reader=f"u{n}")

    assert hits.hits_flush() == 10
    assert _hits(work) == 10


def test_the_command_flushes_and_reports(work, capsys) -> None:
    hits.hits_record(work_id=work.pk, reader="u1")
    call_command("hits", "pending")
    call_command("hits", "flush")

    out = capsys.readouterr().out
    assert "1 hits wait for a flush." in out and "1 hit counted." in out
    assert _hits(work) == 1


def test_the_task_flushes(work) -> None:
    from scriptorium.interactions.tasks import hits_flush_task, schedule_next_flush

    hits.hits_record(work_id=work.pk, reader="u1")
    result = hits_flush_task.enqueue()  # tests run tasks immediately

    assert result.return_value == 1 and _hits(work) == 1
    assert schedule_next_flush() is False  # the immediate backend cannot run a task later


def test_the_periodic_task_schedules_itself_once(work, monkeypatch) -> None:
    from scriptorium.core import periodic
    from scriptorium.interactions import tasks

    enqueued = []

    class Backend:
        supports_defer = True

    class Deferred:
        def enqueue(self, **kwargs: object) -> None:
            enqueued.append(kwargs)

    class FakeTask:
        def using(self, **kwargs: object) -> Deferred:
            assert "run_after" in kwargs
            return Deferred()

    monkeypatch.setattr(periodic, "default_task_backend", Backend())
    monkeypatch.setattr(tasks, "hits_flush_task", FakeTask())

    assert tasks.schedule_next_flush() is True
    assert tasks.schedule_next_flush() is False  # one chain only
    assert tasks.schedule_next_flush(force=True) is True
    assert enqueued == [{"periodic": True}, {"periodic": True}]


def test_a_server_process_starts_one_flusher_thread(monkeypatch, work) -> None:
    started = []

    class FakeThread:
        def __init__(self, **kwargs: object) -> None:
            started.append(kwargs)

        def start(self) -> None:
            pass

    monkeypatch.setattr(hits.threading, "Thread", FakeThread)
    monkeypatch.setattr(hits, "_flusher_pid", None)
    monkeypatch.setattr(hits, "_flusher_wanted", False)
    monkeypatch.setattr(hits.atexit, "register", lambda fn: None)
    hits.hits_record(work_id=work.pk, reader="u1")
    assert started == []  # not a server process

    hits.enable_background_flush()
    hits.hits_record(work_id=work.pk, reader="u2")
    hits.hits_record(work_id=work.pk, reader="u3")

    assert len(started) == 1 and started[0]["daemon"] is True


def test_chapters_read_on_their_own_pages_count_per_chapter(client, user) -> None:
    work = make_work(creator=user, chapters=["One.", "Two.", "Three."])
    first, second, _third = work.chapters.order_by("position")
    reader = UserFactory()
    client.force_login(reader)
    client.get(f"/works/{work.pk}")  # the work page shows chapter 1
    client.get(f"/works/{work.pk}/chapters/{second.pk}")
    client.get(f"/works/{work.pk}/chapters/{second.pk}")  # again the same day: no second hit
    client.get(f"/works/{work.pk}?view_full_work=true")  # every chapter at once counts for none of them
    client.logout()
    client.get(f"/works/{work.pk}/chapters/{second.pk}", REMOTE_ADDR="192.0.2.7")

    assert hits.hits_flush() == 2  # the work's hits: two readers
    tallies = dict(ChapterHitTally.objects.values_list("chapter__position", "count"))
    assert tallies == {1: 1, 2: 2}
    assert _hits(work) == 2
    client.force_login(user)
    page = client.get(f"/account/stats/works/{work.pk}").content.decode()
    row = page.split(f'href="{second.get_absolute_url()}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-label="Hits">2</td>' in row


def test_a_chapter_hit_on_a_deleted_chapter_is_dropped(user) -> None:
    work = make_work(creator=user, chapters=["One.", "Two."])
    second = work.chapters.get(position=2)
    hits.hits_record(work_id=work.pk, reader="u1", chapter_id=second.pk)
    second.delete()
    assert hits.hits_flush() == 1
    assert not ChapterHitTally.objects.exists() and _hits(work) == 1
