"""Reading history and Marked for Later: what opening a chapter records (one statement), the off switch,
clearing, the reading position and "continue reading"."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from scriptorium.interactions.models import HistoryPause, Reading
from scriptorium.interactions.services import reading_record
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work
from tests.interactions.conftest import two_chapters

pytestmark = pytest.mark.django_db


def _chapter(work: Work, position: int):
    return work.chapters.get(position=position)


def test_opening_chapters_records_the_last_one_and_how_often(client, chaptered, other_user) -> None:
    client.force_login(other_user)
    client.get(chaptered.get_absolute_url())
    client.get(_chapter(chaptered, 2).get_absolute_url())

    reading = Reading.objects.get(user=other_user, work=chaptered)
    assert reading.chapter == _chapter(chaptered, 2)
    assert reading.views == 2 and reading.last_read_at is not None
    page = client.get("/account/history")
    assertContains(page, chaptered.title)
    assertContains(page, "read 2 times")
    assertContains(page, f'href="{_chapter(chaptered, 2).get_absolute_url()}"')


def test_the_upsert_is_one_statement(other_user, chaptered) -> None:
    chapter = _chapter(chaptered, 1)
    second = _chapter(chaptered, 2)
    reading_record(user_id=other_user.pk, work_id=chaptered.pk, chapter_id=chapter.pk)
    with CaptureQueriesContext(connection) as context:
        reading_record(user_id=other_user.pk, work_id=chaptered.pk, chapter_id=second.pk)
    assert len(context.captured_queries) == 1
    assert Reading.objects.get().views == 2


def test_guests_and_creators_are_not_recorded(client, chaptered, user) -> None:
    client.get(chaptered.get_absolute_url())
    client.force_login(user)  # the creator
    client.get(chaptered.get_absolute_url())
    assert not Reading.objects.exists()


def test_history_off_records_nothing_and_on_again_records(client, chaptered, other_user) -> None:
    client.force_login(other_user)
    client.post("/account/history/settings", {"enabled": "0"})
    assert HistoryPause.objects.filter(user=other_user).exists()

    client.get(chaptered.get_absolute_url())
    reading_record(user_id=other_user.pk, work_id=chaptered.pk, chapter_id=_chapter(chaptered, 1).pk)

    assert not Reading.objects.exists()
    assertContains(client.get("/account/history"), "Your history is off.")
    client.post("/account/history/settings", {"enabled": "1"})
    client.get(chaptered.get_absolute_url())
    assert Reading.objects.get().views == 1


def test_clear_all_and_delete_one(client, user, other_user) -> None:
    first, second, third = (make_work(creator=user, title=t) for t in ("First Light", "Second Wind", "Third Eye"))
    client.force_login(other_user)
    for work in (first, second, third):
        client.get(work.get_absolute_url())
    client.post(f"/works/{third.pk}/mark-for-later")

    client.post(f"/account/history/{first.pk}/delete")
    page = client.get("/account/history")
    assertNotContains(page, "First Light")
    assertContains(page, "Second Wind")

    client.post("/account/history/clear")
    page = client.get("/account/history")
    assertNotContains(page, "Second Wind")
    assertNotContains(page, "Third Eye")
    assertContains(client.get("/account/marked-for-later"), "Third Eye")  # marked works stay marked
    assert list(Reading.objects.values_list("work__title", "views")) == [("Third Eye", 0)]


def test_mark_for_later_and_mark_as_read(client, work, other_user) -> None:
    client.force_login(other_user)
    assertContains(client.get(work.get_absolute_url()), "Mark for later")

    response = client.post(f"/works/{work.pk}/mark-for-later", {"next": work.get_absolute_url()})

    assert response["Location"] == work.get_absolute_url()
    assertContains(client.get(work.get_absolute_url()), "Mark as read")
    assertContains(client.get("/account/marked-for-later"), work.title)
    client.post(f"/works/{work.pk}/mark-for-later/remove")
    assertNotContains(client.get("/account/marked-for-later"), work.title)


def test_mark_for_later_on_a_hidden_work_is_404(client, user, other_user) -> None:
    draft = make_work(creator=user, post=False)
    restricted = make_work(creator=user, restricted=True)
    client.force_login(other_user)
    assert client.post(f"/works/{draft.pk}/mark-for-later").status_code == 404
    client.logout()
    assert client.post(f"/works/{restricted.pk}/mark-for-later").status_code == 404
    assert not Reading.objects.exists()


def test_reading_position_and_continue_reading(client, chaptered, other_user) -> None:
    client.force_login(other_user)
    second = _chapter(chaptered, 2)
    client.get(second.get_absolute_url())

    response = client.post(f"/works/{chaptered.pk}/reading-position", {"chapter": second.pk, "paragraph": "7"})

    assert response.status_code == 204
    assert Reading.objects.get().paragraph == 7
    work_page = client.get(chaptered.get_absolute_url())
    assertContains(work_page, f'href="{second.get_absolute_url()}#p-7"')
    assertContains(work_page, "Continue reading")
    assertContains(work_page, "Chapter 2, paragraph 7")
    # The work's front page counts the reading but keeps the place; opening chapter 1 itself moves it there.
    assert (Reading.objects.get().chapter, Reading.objects.get().paragraph) == (second, 7)
    assertContains(client.get(f"/works/{chaptered.pk}?view_full_work=true"), f"{second.get_absolute_url()}#p-7")
    client.get(_chapter(chaptered, 1).get_absolute_url())
    reading = Reading.objects.get()
    assert (reading.chapter.position, reading.paragraph, reading.views) == (1, 0, 4)


def test_a_late_beacon_from_a_chapter_left_behind_changes_nothing(client, chaptered, other_user) -> None:
    client.force_login(other_user)
    first, second = _chapter(chaptered, 1), _chapter(chaptered, 2)
    client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())

    client.post(f"/works/{chaptered.pk}/reading-position", {"chapter": first.pk, "paragraph": "12"})

    reading = Reading.objects.get()
    assert (reading.chapter, reading.paragraph) == (second, 0)


def test_reading_position_refuses_other_works_chapters_and_nonsense(client, chaptered, other_user) -> None:
    elsewhere = two_chapters(UserFactory())
    client.force_login(other_user)
    client.get(chaptered.get_absolute_url())
    for data in (
        {"chapter": _chapter(elsewhere, 1).pk, "paragraph": "3"},
        {"chapter": "x", "paragraph": "3"},
        {"chapter": _chapter(chaptered, 1).pk, "paragraph": "-4"},
        {"chapter": _chapter(chaptered, 1).pk, "paragraph": "99999999"},
    ):
        assert client.post(f"/works/{chaptered.pk}/reading-position", data).status_code == 204
    reading = Reading.objects.get()
    assert reading.paragraph == 0 and reading.chapter == _chapter(chaptered, 1)


def test_reading_position_needs_the_csrf_token(chaptered, other_user) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(other_user)
    strict.get(chaptered.get_absolute_url())
    chapter = _chapter(chaptered, 1)

    refused = strict.post(f"/works/{chaptered.pk}/reading-position", {"chapter": chapter.pk, "paragraph": "5"})

    assert refused.status_code == 403
    assert Reading.objects.get().paragraph == 0
    token = strict.cookies["csrftoken"].value
    accepted = strict.post(
        f"/works/{chaptered.pk}/reading-position",
        {"chapter": chapter.pk, "paragraph": "5", "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 204
    assert Reading.objects.get().paragraph == 5


def test_work_that_became_a_draft_shows_not_available(client, user, other_user) -> None:
    work = make_work(creator=user, title="Withdrawn Tale")
    client.force_login(other_user)
    client.get(work.get_absolute_url())
    Work.objects.filter(pk=work.pk).update(posted=False)

    page = client.get("/account/history")

    assertContains(page, "This work is not available.")
    assertNotContains(page, "Withdrawn Tale")


def test_history_pages_need_an_account(client) -> None:
    for url in ("/account/history", "/account/marked-for-later", "/account/blocked", "/account/muted"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login")


def test_history_page_costs_the_same_queries_for_few_and_many(client) -> None:
    writer = UserFactory()
    few_reader, many_reader = UserFactory(), UserFactory()
    works = [make_work(creator=writer, title=f"Tale {n}", additional_tags=(f"Tag {n}",)) for n in range(20)]
    for reader, count in ((few_reader, 3), (many_reader, 20)):
        for work in works[:count]:
            reading_record(user_id=reader.pk, work_id=work.pk, chapter_id=work.chapters.get().pk)

    def queries(reader) -> int:
        client.force_login(reader)
        with CaptureQueriesContext(connection) as context:
            response = client.get("/account/history")
        assert response.status_code == 200
        return len(context.captured_queries)

    queries(few_reader)
    assert queries(few_reader) == queries(many_reader)
