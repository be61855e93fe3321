"""No write on the reading path: a logged-in reader opening a work writes nothing to the database; the reading
waits in the cache until a flush (the flusher, the task, or the reader's own history page) writes it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from scriptorium.interactions.models import HistoryPause, Reading
from scriptorium.interactions.services import history_flush
from scriptorium.interactions.tasks import hits_flush_task
from scriptorium.works.models import Work

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _buffered(settings) -> None:
    settings.SCRIPTORIUM_HISTORY_BUFFER = True


def _chapter(work: Work, position: int):
    return work.chapters.get(position=position)


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.mark.parametrize("page", ["work", "chapter", "entire work"])
def test_reading_a_work_writes_nothing_to_the_database(client, chaptered, other_user, page) -> None:
    client.force_login(other_user)
    url = {
        "work": chaptered.get_absolute_url(),
        "chapter": _chapter(chaptered, 2).get_absolute_url(),
        "entire work": f"{chaptered.get_absolute_url()}?view_full_work=true",
    }[page]

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    assert _writes(queries) == []
    assert not Reading.objects.filter(user=other_user).exists()


def test_the_history_page_shows_the_reading_just_done(client, chaptered, other_user) -> None:
    client.force_login(other_user)
    client.get(chaptered.get_absolute_url())
    client.get(_chapter(chaptered, 2).get_absolute_url())

    page = client.get("/account/history")

    assertContains(page, chaptered.title)
    assertContains(page, "read 2 times")
    assertContains(page, f'href="{_chapter(chaptered, 2).get_absolute_url()}"')


def test_the_api_history_shows_the_reading_just_done(client, chaptered, other_user) -> None:
    client.force_login(other_user)
    client.get(chaptered.get_absolute_url())

    listed = client.get("/api/v1/history/")

    assert listed.status_code == 200
    assert chaptered.title in listed.content.decode()


def test_the_flush_task_writes_the_readings_in_order(client, chaptered, other_user) -> None:
    client.force_login(other_user)
    client.get(_chapter(chaptered, 2).get_absolute_url())
    client.get(chaptered.get_absolute_url())  # the front page: the place stays at chapter 2

    hits_flush_task.call()

    reading = Reading.objects.get(user=other_user, work=chaptered)
    assert reading.chapter == _chapter(chaptered, 2) and reading.views == 2
    assert history_flush() == 0  # written once, not again


def test_a_paused_history_records_nothing_at_the_flush(client, chaptered, other_user) -> None:
    HistoryPause.objects.create(user=other_user)
    client.force_login(other_user)
    client.get(chaptered.get_absolute_url())

    assert history_flush() == 1

    assert not Reading.objects.filter(user=other_user).exists()


def test_the_reading_position_lands_on_the_chapter_just_opened(client, chaptered, other_user) -> None:
    client.force_login(other_user)
    client.get(chaptered.get_absolute_url())
    history_flush()
    chapter = _chapter(chaptered, 2)
    client.get(chapter.get_absolute_url())  # buffered: the history still says chapter 1

    client.post(f"/works/{chaptered.pk}/reading-position", {"chapter": chapter.pk, "paragraph": 7})

    reading = Reading.objects.get(user=other_user, work=chaptered)
    assert reading.chapter == chapter and reading.paragraph == 7
