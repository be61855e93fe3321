"""A place read elsewhere (an e-reader) moves the history entry and "continue reading" (``reading_place_set``)."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from scriptorium.interactions.models import HistoryPause, Reading
from scriptorium.interactions.services import reading_place_set
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


def test_a_place_read_elsewhere_moves_continue_reading(client) -> None:
    work = make_work(chapters=["One.\n\nTwo.", "Three.\n\nFour.\n\nFive.", "Six."])
    reader = UserFactory()
    second = work.chapters.get(position=2)
    client.force_login(reader)
    client.get(work.get_absolute_url())  # opened on the web: one view, at chapter 1

    reading = reading_place_set(actor=reader, work_id=work.pk, chapter_id=second.pk, paragraph=3)

    assert reading is not None
    stored = Reading.objects.get(user=reader, work=work)
    assert (stored.chapter_id, stored.paragraph, stored.views) == (second.pk, 3, 1)
    page = client.get(work.get_absolute_url())
    assertContains(page, f"{second.get_absolute_url()}#p-3")


def test_a_work_not_yet_read_enters_the_history() -> None:
    work = make_work()
    reader = UserFactory()
    chapter = work.chapters.get()
    reading_place_set(actor=reader, work_id=work.pk, chapter_id=chapter.pk, paragraph=0)
    stored = Reading.objects.get(user=reader, work=work)
    assert stored.views == 1 and stored.chapter_id == chapter.pk and stored.last_read_at is not None


def test_nothing_is_written_while_the_history_is_off() -> None:
    work = make_work()
    reader = UserFactory()
    HistoryPause.objects.create(user=reader)
    assert reading_place_set(actor=reader, work_id=work.pk, chapter_id=work.chapters.get().pk, paragraph=2) is None
    assert not Reading.objects.filter(user=reader).exists()
