"""An eFiction import is archive history, not news: its works are indexed for search by the import itself, in
batches, and nobody is told about them (no per-work tasks queued: no notifications, no download builds ahead).
A run killed before it indexed what it brought in leaves that to the next run."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from scriptorium.efiction import events as efiction_events
from scriptorium.efiction import services as efiction_services
from scriptorium.efiction.models import EfictionRecord, RecordKind
from scriptorium.notifications.models import Subscription, SubscriptionKind
from scriptorium.pagecache.generations import ALL, generations_read
from scriptorium.search.backends import get_search_backend
from scriptorium.tags.models import Tag, TagType
from scriptorium.works.models import Work
from tests.efiction.test_import import run
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    """Tasks kept in the database (as in production) instead of run at once, so the test sees what was queued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def queued() -> list[str]:
    return sorted(path.rsplit(".", 1)[-1] for path in DBTaskResult.objects.values_list("task_path", flat=True))


def test_imported_works_are_searchable_at_once_and_nothing_per_work_is_queued(
    efiction_db, stories_dir, database_tasks, django_capture_on_commit_callbacks
):
    reader = UserFactory()
    fandom = Tag.objects.create(name="Tidewater Chronicles", type=TagType.FANDOM, canonical=True)
    Subscription.objects.create(user=reader, kind=SubscriptionKind.TAG, tag=fandom)
    before = generations_read([ALL])

    with django_capture_on_commit_callbacks(execute=True):
        report = run(efiction_db, stories_dir)

    assert report.counts["works"] == 4
    drift = get_search_backend().check()
    assert drift.clean, drift  # indexed by the import itself: no worker has run
    assert not EfictionRecord.objects.filter(index_pending=True).exists()
    # No announcement to the fandom's subscriber, no download build per work, no index task per story.
    assert "work_announce_task" not in queued()
    assert "downloads_build_task" not in queued()
    assert queued().count("index_works_task") <= 1
    assert generations_read([ALL]) != before  # guests' cached pages no longer show the archive without them


def test_a_run_killed_before_indexing_leaves_it_to_the_next_run(
    efiction_db, monkeypatch, django_capture_on_commit_callbacks
):
    class Killed(BaseException):
        """Stands for the process dying (not an error the import would catch)."""

    def killed(self, held):
        if EfictionRecord.objects.filter(index_pending=True).exists():
            raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(efiction_services._Run, "_settle", killed)
        with pytest.raises(Killed):
            run(efiction_db)

    posted = set(Work.objects.filter(posted=True).values_list("pk", flat=True))
    assert posted
    assert set(get_search_backend().check().missing) == posted  # in, whole, but not in the index
    pending = EfictionRecord.objects.filter(kind=RecordKind.STORY, index_pending=True).count()
    assert pending == Work.objects.count()

    told = []

    def heard(*, import_id: int) -> None:
        told.append(import_id)

    efiction_events.works_imported.listen(heard)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = run(efiction_db)
    finally:
        efiction_events.works_imported.disconnect(heard)

    assert report.counts["works"] == 0  # nothing added again
    assert get_search_backend().check().clean
    assert not EfictionRecord.objects.filter(index_pending=True).exists()
    assert told  # the works left unannounced were announced by the rerun
