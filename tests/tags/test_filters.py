"""The filter table: kept current on tagging changes, moved by wrangling inline or in a background task."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from scriptorium.tags import wrangling
from scriptorium.tags.filters import work_filters_rebuild, work_filters_refresh
from scriptorium.tags.models import FilterRefresh, Tag, WorkFilter
from scriptorium.works.models import Tagging
from tests.factories import UserFactory, make_work
from tests.tags.conftest import canonical

pytestmark = pytest.mark.django_db


def table() -> set[tuple[int, int]]:
    return set(WorkFilter.objects.values_list("work_id", "tag_id"))


def test_posting_and_editing_a_work_keeps_its_filters_current() -> None:
    steve = canonical("Steve Rogers", "character")
    Tag.objects.create(name="Cap", type="character", merger=steve)
    work = make_work(characters=("Cap",), additional_tags=("Fluff",))

    names = set(WorkFilter.objects.filter(work=work).values_list("tag__name", flat=True))
    assert names == {"Steve Rogers", "Fluff", "Original Work", "No Archive Warnings Apply"}

    from scriptorium.works.inputs import WorkInput
    from scriptorium.works.services import work_update

    work_update(
        actor=work.creators.get().user,
        work=work,
        data=WorkInput(
            title="Edited",
            rating="General Audiences",
            warnings=("No Archive Warnings Apply",),
            fandoms=("Original Work",),
            additional_tags=("Angst",),
        ),
    )
    names = set(WorkFilter.objects.filter(work=work).values_list("tag__name", flat=True))
    assert names == {"Angst", "Original Work", "No Archive Warnings Apply"}


def test_refresh_follows_the_taggings_and_deleting_a_work_removes_its_rows() -> None:
    work = make_work(additional_tags=("Fluff",))
    Tagging.objects.filter(work=work, tag__name="Fluff").delete()
    work_filters_refresh(work_ids=[work.pk])
    assert not WorkFilter.objects.filter(work=work, tag__name="Fluff").exists()
    work.delete()
    assert not WorkFilter.objects.filter(work_id=work.pk).exists()


def test_rebuild_recomputes_the_table_from_scratch() -> None:
    mcu = canonical("Marvel Cinematic Universe", "fandom")
    avengers = canonical("The Avengers (Marvel Movies)", "fandom")
    work = make_work(fandoms=("The Avengers (Marvel Movies)",))
    from scriptorium.tags.models import MetaTagging

    MetaTagging.objects.create(meta=mcu, sub=avengers)  # behind the services' back: the table is stale
    WorkFilter.objects.create(work=work, tag=canonical("Stray", "additional"))
    before = table()

    out = StringIO()
    call_command("tags", "rebuild-filters", stdout=out)

    assert (work.pk, mcu.pk) in table() and (work.pk, mcu.pk) not in before
    assert not WorkFilter.objects.filter(tag__name="Stray").exists()
    assert "1 works" in out.getvalue() and "2 added" not in out.getvalue()
    assert "1 added, 1 removed" in out.getvalue()


def test_small_wrangling_changes_are_applied_inline(wrangler, settings) -> None:
    settings.SCRIPTORIUM_TAG_FILTERS_INLINE_MAX = 5
    steve = canonical("Steve Rogers", "character")
    cap = Tag.objects.create(name="Cap", type="character")
    works = [make_work(characters=("Cap",)) for _ in range(2)]

    wrangling.tag_make_synonym(actor=wrangler, tag=cap, target=steve)

    assert all(WorkFilter.objects.filter(work=w, tag=steve).exists() for w in works)
    assert not FilterRefresh.objects.exists()


def test_large_wrangling_changes_run_after_commit_in_a_task_and_show_as_pending(
    wrangler, settings, django_capture_on_commit_callbacks, wrangler_client
) -> None:
    settings.SCRIPTORIUM_TAG_FILTERS_INLINE_MAX = 1
    steve = canonical("Steve Rogers", "character")
    cap = Tag.objects.create(name="Cap", type="character")
    writer = UserFactory()
    works = [make_work(creator=writer, characters=("Cap",)) for _ in range(3)]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        wrangling.tag_make_synonym(actor=wrangler, tag=cap, target=steve)

    refresh = FilterRefresh.objects.get()
    # One callback moves the works; the search index's own update is another (tags changed).
    [move] = [c for c in callbacks if "filters_refresh" in getattr(c, "__qualname__", "")]  # events are partials
    assert refresh.status == "pending" and refresh.work_count == 3
    assert not WorkFilter.objects.filter(tag=steve).exists()  # not moved yet
    page = wrangler_client.get("/wrangling/").content.decode()
    assert "Moving works in the background" in page and "made a synonym of" in page
    assert "Moving works" in wrangler_client.get("/tags/Steve Rogers").content.decode()

    move()  # the commit happens: the task is enqueued (and run, by the test backend)

    refresh.refresh_from_db()
    assert refresh.status == "done" and refresh.finished_at is not None
    assert all(WorkFilter.objects.filter(work=w, tag=steve).exists() for w in works)
    assert "Moving works in the background" not in wrangler_client.get("/wrangling/").content.decode()


def test_a_failed_refresh_is_shown_and_rebuild_closes_it(wrangler, wrangler_client) -> None:
    FilterRefresh.objects.create(description="Huge merge", tag_ids=[1], work_count=9, status="failed")
    assert "scriptorium tags rebuild-filters" in wrangler_client.get("/wrangling/").content.decode()
    FilterRefresh.objects.create(description="Other", tag_ids=[1], work_count=9)
    result = work_filters_rebuild()
    assert result.refreshes_closed == 2
    assert "Huge merge" not in wrangler_client.get("/wrangling/").content.decode()
