"""The reader's selectors: what they return, and that pages built on them cost a constant number of queries."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scriptorium.works import selectors
from scriptorium.works.models import Work
from tests.factories import UserFactory, make_work

pytestmark = pytest.mark.django_db


#: SQL the search backend runs for a listing (its index tables, and SQLite's per-read settings).
_BACKEND_SQL = re.compile(r"search_search(document|tag)|search_fts|^PRAGMA", re.IGNORECASE)


def count_queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def _get_ok(client, url: str) -> Callable[[], None]:
    def run() -> None:
        response = client.get(url)
        assert response.status_code == 200, url

    return run


# --- What the selectors return ---------------------------------------------------------------------------


def test_works_listed_hides_drafts_and_restricted_works_from_guests(user) -> None:
    public = make_work(creator=user, title="Public")
    restricted = make_work(creator=user, title="Restricted", restricted=True)
    make_work(creator=user, title="Draft", post=False)

    assert list(selectors.works_listed(AnonymousUser())) == [public]
    assert set(selectors.works_listed(user)) == {public, restricted}


def test_works_listed_orders_newest_revision_first(user) -> None:
    older, newer = make_work(creator=user), make_work(creator=user)
    Work.objects.filter(pk=older.pk).update(revised_on="2020-01-01")

    assert list(selectors.works_listed(user)) == [newer, older]


def test_work_for_reading_follows_visibility(user, other_user) -> None:
    draft = make_work(creator=user, post=False)

    assert selectors.work_for_reading(user, draft.pk) == draft
    assert selectors.work_for_reading(other_user, draft.pk) is None
    assert selectors.work_for_reading(AnonymousUser(), draft.pk) is None


def test_is_creator_reads_prefetched_creators(user, other_user, django_assert_num_queries) -> None:
    work = selectors.work_for_reading(user, make_work(creator=user).pk)

    with django_assert_num_queries(0):
        assert selectors.is_creator(user, work)
        assert not selectors.is_creator(other_user, work)
        assert not selectors.is_creator(AnonymousUser(), work)


def test_series_places_skip_works_the_viewer_cannot_see(user) -> None:
    first = make_work(creator=user, series_title="Saga")
    locked = make_work(creator=user, series_title="Saga", restricted=True)
    third = make_work(creator=user, series_title="Saga")

    guest_place = selectors.series_places(AnonymousUser(), selectors.work_for_reading(user, third.pk))[0]
    user_place = selectors.series_places(user, selectors.work_for_reading(user, third.pk))[0]

    assert guest_place.position == 3
    assert guest_place.previous == first and guest_place.next is None
    assert user_place.previous == locked


# --- Constant query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("logged_in", [False, True])
def test_index_query_count_does_not_grow_with_works(client, settings, logged_in) -> None:
    settings.SCRIPTORIUM_WORKS_PER_PAGE = 20
    if logged_in:
        client.force_login(UserFactory())
    writers = [UserFactory() for _ in range(3)]

    def add_works(count: int) -> None:
        for i in range(count):
            make_work(
                creator=writers[i % 3],
                relationships=(f"A{i}/B{i}",),
                characters=(f"A{i}", f"B{i}"),
                additional_tags=(f"Extra {i}",),
                series_title=f"Series {i % 2}",
            )

    add_works(3)
    _get_ok(client, "/works/")()  # warm up (sessions, caches)
    with_three = count_queries(_get_ok(client, "/works/"))
    add_works(12)
    with_fifteen = count_queries(_get_ok(client, "/works/"))

    assert with_three == with_fifteen
    # Besides the search backend's own queries (its plan is measured in docs/performance.md): the works with
    # their creators, external creators, tags and series; for an account also its session, exclusions, mutes,
    # blocklist (blocklists), the header's notification count, its reading style (comfort) and its own signals
    # on the page's works (new chapters since it read them, its shelves: one query, interactions).
    with CaptureQueriesContext(connection) as context:
        _get_ok(client, "/works/")()
    outside_backend = [q for q in context.captured_queries if not _BACKEND_SQL.search(q["sql"])]
    assert len(outside_backend) <= (13 if logged_in else 5)


def test_home_query_count_does_not_grow_with_works(client) -> None:
    # A full home page (ten works) from the start: the backend skips its count when a page is not full.
    for _ in range(10):
        make_work(additional_tags=("One", "Two"))
    _get_ok(client, "/")()
    with_ten = count_queries(_get_ok(client, "/"))
    for _ in range(7):
        make_work(additional_tags=("One", "Two"))

    assert count_queries(_get_ok(client, "/")) == with_ten


@pytest.mark.parametrize("logged_in", [False, True])
def test_work_page_query_count_does_not_grow_with_tags(client, logged_in) -> None:
    writer = UserFactory()
    if logged_in:
        client.force_login(UserFactory())

    def work_with(tags: int) -> Work:
        names = [f"Tag {tags}-{i}" for i in range(tags)]
        half = tags // 2
        return make_work(
            creator=writer,
            additional_tags=tuple(names[:half]),
            characters=tuple(names[half:]),
            series_title="Tagged Series",
            chapters=["One.", "Two.", "Three."],
        )

    few, many = work_with(2), work_with(20)
    _get_ok(client, f"/works/{few.pk}")()

    assert count_queries(_get_ok(client, f"/works/{few.pk}")) == count_queries(_get_ok(client, f"/works/{many.pk}"))
    # Kudos and comments (2); for a logged-in reader also their own state (bookmark, Marked for Later), the
    # reading-history upsert, the inbox count in the header, the subscribe button and the reading style (5 more).
    # The byline's external creators (works archived for their authors) are one prefetch.
    assert count_queries(_get_ok(client, f"/works/{many.pk}")) <= (17 if logged_in else 11)


def test_chapter_page_query_count_does_not_grow_with_tags(client) -> None:
    few = make_work(additional_tags=("A", "B"), chapters=["One.", "Two."])
    many = make_work(additional_tags=tuple(f"Many {i}" for i in range(20)), chapters=["One.", "Two."])
    few_url = f"/works/{few.pk}/chapters/{few.chapters.last().pk}"
    many_url = f"/works/{many.pk}/chapters/{many.chapters.last().pk}"
    _get_ok(client, few_url)()

    assert count_queries(_get_ok(client, few_url)) == count_queries(_get_ok(client, many_url))


def test_full_work_query_count_does_not_grow_with_chapters(client) -> None:
    short = make_work(chapters=[f"Short chapter {i}." for i in range(2)])
    long = make_work(chapters=[f"Long chapter {i}." for i in range(10)])
    short_url, long_url = f"/works/{short.pk}?view_full_work=true", f"/works/{long.pk}?view_full_work=true"
    _get_ok(client, short_url)()

    assert count_queries(_get_ok(client, short_url)) == count_queries(_get_ok(client, long_url))
    assert count_queries(_get_ok(client, long_url)) <= 9  # 8, and the byline's external creators


def test_chapter_index_query_count_does_not_grow_with_chapters(client) -> None:
    short = make_work(chapters=[f"Short chapter {i}." for i in range(2)])
    long = make_work(chapters=[f"Long chapter {i}." for i in range(10)])
    _get_ok(client, f"/works/{short.pk}/navigate")()

    assert count_queries(_get_ok(client, f"/works/{short.pk}/navigate")) == count_queries(
        _get_ok(client, f"/works/{long.pk}/navigate")
    )


def test_series_page_query_count_does_not_grow_with_works(client, user) -> None:
    for _ in range(2):
        make_work(creator=user, series_title="Growing", additional_tags=("X", "Y"))
    series_id = Work.objects.first().series_parts.get().series_id
    url = f"/series/{series_id}"
    _get_ok(client, url)()
    with_two = count_queries(_get_ok(client, url))
    for _ in range(8):
        make_work(creator=user, series_title="Growing", additional_tags=("X", "Y"))

    assert count_queries(_get_ok(client, url)) == with_two
