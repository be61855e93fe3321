"""Index upkeep: changes reach the index after commit, one task per transaction; rebuild; drift checks."""

from __future__ import annotations

import io
import os

import pytest
from django.core.management import call_command
from django.db import connection

from scriptorium.search import indexing
from scriptorium.search.backends import get_search_backend, parallel, reset_search_backends
from scriptorium.search.query import WorkQuery
from scriptorium.tags.models import Tag
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Work
from scriptorium.works.services import chapter_add, work_delete, work_update
from tests.factories import make_work
from tests.search.backends.conftest import BACKENDS

pytestmark = pytest.mark.django_db


def found(backend, text: str = "", **kwargs: object) -> list[int]:
    return backend.search(WorkQuery(text=text, **kwargs)).work_ids


def test_changes_wait_for_the_commit(backend, django_capture_on_commit_callbacks, user) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_work(creator=user, title="Pending Wonders")
    assert found(backend, "wonders") == []  # nothing indexed before the commit
    for callback in callbacks:
        callback()
    assert len(found(backend, "wonders")) == 1


def test_one_transaction_enqueues_one_task_per_kind(
    backend, django_capture_on_commit_callbacks, monkeypatch, user
) -> None:
    from scriptorium.search import tasks

    enqueued: list[list[int]] = []
    original = tasks.index_works_task

    class Recording:
        def enqueue(self, ids: list[int]) -> None:
            enqueued.append(ids)
            original.enqueue(ids)

    monkeypatch.setattr(tasks, "index_works_task", Recording())
    with django_capture_on_commit_callbacks(execute=True):
        first = make_work(creator=user, title="One", chapters=["a", "b", "c"])
        second = make_work(creator=user, title="Two")
    assert enqueued == [sorted([first.pk, second.pk])]
    assert set(found(backend, "one")) | set(found(backend, "two")) == {first.pk, second.pk}


def test_edits_reach_the_index(backend, committed, user) -> None:
    with committed():
        work = make_work(creator=user, title="Before", fandoms=("Orchard",), chapters=["apples everywhere"])
    assert found(backend, "title:before") == [work.pk]
    with committed():
        work_update(actor=user, work=work, data=WorkInput(title="After", fandoms=("Orchard",), rating="Mature"))
    assert found(backend, "title:before") == []
    assert found(backend, "title:after") == [work.pk]
    assert found(backend, ratings=("Mature",)) == [work.pk]
    with committed():
        chapter_add(actor=user, work=Work.objects.get(pk=work.pk), data=ChapterInput(text="pears arrive late"))
    assert found(backend, "pears apples") == [work.pk]
    assert backend.search(WorkQuery(single_chapter=True)).total == 0


def test_tag_edits_reach_searches_for_several_tags(backend, committed, user) -> None:
    with committed():
        work = make_work(creator=user, title="Orchard", fandoms=("Orchard",), additional_tags=("Fluff",))
    orchard, fluff = (Tag.objects.get(name=n).filter_tag_id for n in ("Orchard", "Fluff"))
    assert found(backend, include_tags=(orchard, fluff)) == [work.pk]
    with committed():
        data = WorkInput(title="Orchard", fandoms=("Orchard",), additional_tags=("Angst",))
        work_update(actor=user, work=work, data=data)
    angst = Tag.objects.get(name="Angst").filter_tag_id
    assert found(backend, include_tags=(orchard, fluff)) == []
    assert found(backend, include_tags=(orchard, angst)) == [work.pk]
    assert found(backend, include_tags=(orchard, angst), exclude_tags=(angst,)) == []
    with committed():
        work_delete(actor=user, work=Work.objects.get(pk=work.pk))
    assert found(backend, include_tags=(orchard, angst)) == []
    assert backend.check().clean


def test_restricting_and_deleting_a_work(backend, committed, user) -> None:
    with committed():
        work = make_work(creator=user, title="Secret Garden")
    with committed():
        work_update(actor=user, work=work, data=WorkInput(title="Secret Garden", restricted=True))
    assert found(backend, "garden") == []
    assert found(backend, "garden", include_restricted=True) == [work.pk]
    with committed():
        work_delete(actor=user, work=Work.objects.get(pk=work.pk))
    assert found(backend, "garden", include_restricted=True) == []
    assert backend.check().clean


def test_a_tag_wrangled_into_a_synonym_is_found_under_its_canonical_name(backend, committed, wrangler, user) -> None:
    from scriptorium.tags.wrangling import tag_make_canonical, tag_make_synonym

    with committed():
        work = make_work(creator=user, additional_tags=("h/c",))
    assert found(backend, 'tag:"hurt/comfort"') == []
    with committed():
        canon = Tag.objects.create(name="Hurt/Comfort", type="additional")
        tag_make_canonical(actor=wrangler, tag=canon)
        tag_make_synonym(actor=wrangler, tag=Tag.objects.get(name="h/c"), target=canon)
    assert found(backend, "tag:hurt/comfort") == [work.pk]
    assert found(backend, include_tags=(canon.pk,)) == [work.pk]
    assert backend.check().clean


def test_renaming_a_tag_or_a_pseud_reindexes_their_works(backend, committed, user) -> None:
    from scriptorium.accounts.services import pseud_update

    with committed():
        work = make_work(creator=user, characters=("Old Name",))
    with committed():
        tag = Tag.objects.get(name="Old Name")
        tag.name = "Brand New Name"
        tag.save()
        pseud_update(actor=user, pseud=user.default_pseud, name="Renamed Writer")
    assert found(backend, 'tag:"brand new name"') == [work.pk]
    assert found(backend, "creator:renamed") == [work.pk]


def test_rebuild_and_check(backend, committed, user) -> None:
    with committed():
        works = [make_work(creator=user, title=f"Rebuilt {i}") for i in range(3)]
        make_work(creator=user, title="Draft", post=False)
    progress: list[tuple[int, int]] = []
    assert backend.rebuild(progress=lambda done, total: progress.append((done, total))) == 3
    assert progress[0] == (0, 3) and progress[-1] == (3, 3)
    assert set(found(backend, "rebuilt")) == {w.pk for w in works}
    assert backend.check().clean
    # Drift made behind the index's back: a missing work, a stale one, an extra one.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_searchdocument WHERE work_id = %s", [works[0].pk])
    Work.objects.filter(pk=works[1].pk).update(title="Renamed behind its back")
    Work.objects.filter(pk=works[2].pk).update(posted=False)
    report = backend.check()
    assert report.missing == [works[0].pk]
    assert report.stale == [works[1].pk]
    assert report.extra == [works[2].pk]
    assert not report.clean


def test_commands(backend, committed, user) -> None:
    with committed():
        work = make_work(creator=user, title="Commanded")
    out, err = io.StringIO(), io.StringIO()
    call_command("reindex", stdout=out, stderr=err)
    assert "Indexed 1 works" in out.getvalue()
    assert "1/1 works" in err.getvalue() and "works/s" in err.getvalue() and "ETA" in err.getvalue()
    out = io.StringIO()
    call_command("search", "check", stdout=out)
    assert "matches the database" in out.getvalue()
    Work.objects.filter(pk=work.pk).update(title="Changed quietly")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("search", "check", stdout=out)
    assert exit_info.value.code == 1
    assert f"stale: 1 work(s): {work.pk}" in out.getvalue()
    out = io.StringIO()
    call_command("search", "check", "--fix", stdout=out)
    assert "Fixed" in out.getvalue()
    assert found(backend, "quietly") == [work.pk]


@pytest.mark.django_db(transaction=True)
def test_a_large_rebuild_prepares_its_batches_in_worker_processes(settings, monkeypatch, tmp_path) -> None:
    """Workers (forked, reading committed rows) prepare batches while this process writes them; the index
    they build is the same as an in-process rebuild's."""
    settings.SCRIPTORIUM_SEARCH = {"default": {"BACKEND": BACKENDS[connection.vendor], "REBUILD_WORKERS": 2}}
    reset_search_backends()
    backend = get_search_backend()
    works = [make_work(title=f"Forked {i}", chapters=[f"Lanterns and tide, part {i}."]) for i in range(7)]
    make_work(title="Forked draft", post=False)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_WORKS", 1)
    monkeypatch.setattr(indexing, "REBUILD_BATCH", 2)
    read, pids = indexing.documents_for, tmp_path / "pids"

    def read_and_note(chunk: list[int], **kwargs: object) -> object:
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return read(chunk, **kwargs)

    monkeypatch.setattr(indexing, "documents_for", read_and_note)  # inherited by the forked workers
    progress: list[tuple[int, int]] = []
    assert backend.rebuild(progress=lambda done, total: progress.append((done, total))) == 7
    workers = set(pids.read_text().split())
    assert workers and str(os.getpid()) not in workers  # four batches, all prepared in other processes
    assert progress[-1] == (7, 7)
    assert set(found(backend, "lanterns tide")) == {w.pk for w in works}
    assert backend.check().clean
    reset_search_backends()
