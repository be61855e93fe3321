"""What the works services announce: once, after commit, and only what happened (a save is not a post)."""

from __future__ import annotations

import dataclasses

import pytest

from scriptorium.works import events
from scriptorium.works.inputs import ChapterInput
from scriptorium.works.selectors import work_input_current
from scriptorium.works.services import chapter_add, work_delete, work_post, work_update
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Every works event delivered during the test, as (name, payload)."""
    log: list[tuple[str, dict]] = []
    receivers = []
    for event in (
        events.work_posted,
        events.work_revised,
        events.work_deleted,
        events.chapter_posted,
        events.work_added_to_series,
    ):

        def receiver(*, _name=event.name, **payload):
            log.append((_name, payload))

        receiver.__qualname__ = f"spy_{event.name}"
        event.listen(receiver)
        receivers.append((event, receiver))
    yield log
    for event, receiver in receivers:
        event.disconnect(receiver)


def names(log) -> list[str]:
    return [name for name, _ in log]


def test_a_draft_is_revised_but_not_posted_until_it_is(heard, django_capture_on_commit_callbacks) -> None:
    writer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_work(creator=writer, post=False)
    assert names(heard) == ["work_revised"]
    assert heard[0][1] == {"work_id": draft.pk, "revision": draft.revision, "posted": False}
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        work_post(actor=writer, work=draft)
    assert sorted(names(heard)) == ["work_posted", "work_revised"]


def test_editing_a_posted_work_revises_it_and_never_announces_it_again(
    heard, django_capture_on_commit_callbacks
) -> None:
    writer = UserFactory()
    work = make_work(creator=writer)
    with django_capture_on_commit_callbacks(execute=True):
        work_update(actor=writer, work=work, data=dataclasses.replace(work_input_current(work), title="New title"))
    assert names(heard) == ["work_revised"]
    assert heard[0][1]["revision"] == work.revision and heard[0][1]["posted"] is True


def test_a_new_chapter_is_announced_on_posted_works_only(heard, django_capture_on_commit_callbacks) -> None:
    writer = UserFactory()
    posted, draft = make_work(creator=writer), make_work(creator=writer, post=False)
    with django_capture_on_commit_callbacks(execute=True):
        chapter = chapter_add(actor=writer, work=posted, data=ChapterInput(text="Two."))
        chapter_add(actor=writer, work=draft, data=ChapterInput(text="Two."))
    assert ("chapter_posted", {"work_id": posted.pk, "chapter_id": chapter.pk}) in heard
    assert names(heard).count("chapter_posted") == 1


def test_joining_a_series_is_announced_once_and_deleting_a_work_is_announced(
    heard, django_capture_on_commit_callbacks
) -> None:
    writer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        work = make_work(creator=writer, series_title="Tides")
    assert names(heard).count("work_added_to_series") == 1
    heard.clear()
    work_id = work.pk
    with django_capture_on_commit_callbacks(execute=True):
        work_update(actor=writer, work=work, data=work_input_current(work))  # same series: no news
        work_delete(actor=writer, work=work)
    assert "work_added_to_series" not in names(heard)
    assert ("work_deleted", {"work_id": work_id}) in heard


def test_nothing_is_announced_when_the_change_fails(heard, django_capture_on_commit_callbacks) -> None:
    writer = UserFactory()
    work = make_work(creator=writer)
    stranger = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):
        chapter_add(actor=stranger, work=work, data=ChapterInput(text="Not mine."))
    assert heard == []
