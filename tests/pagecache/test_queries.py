"""What a page answered from the cache costs the database. Without Redis, the generations are read from the
database: one query; a work's page asks one more, where this guest left kudos today (or, before any guest left
kudos today, whether today's key exists). With the generations in a shared cache, listings need no query."""

from __future__ import annotations

import pytest

from scriptorium.pagecache.generations import generations_bump, generations_read, work_generation
from tests.pagecache.conftest import guest, page_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["home", "works", "tag works", "search"])
def test_a_listing_from_the_cache_runs_one_query(story, page, django_assert_num_queries) -> None:
    url = page_urls(story)[page]
    guest().get(url)

    with django_assert_num_queries(1):
        assert guest().get(url)["X-Cache"] == "hit"


@pytest.mark.parametrize("page", ["work", "chapter", "entire work"])
def test_a_work_page_from_the_cache_runs_two_queries(story, page, django_assert_num_queries) -> None:
    url = page_urls(story)[page]
    guest().get(url)

    with django_assert_num_queries(2):
        assert guest().get(url)["X-Cache"] == "hit"


def test_with_the_generations_in_a_shared_cache(story, settings, django_assert_num_queries) -> None:
    settings.SCRIPTORIUM_PAGE_GENERATIONS = "cache"
    urls = page_urls(story)
    guest().get(urls["works"])
    guest().get(urls["work"])

    with django_assert_num_queries(0):
        assert guest().get(urls["works"])["X-Cache"] == "hit"
    with django_assert_num_queries(1):
        assert guest().get(urls["work"])["X-Cache"] == "hit"


@pytest.mark.parametrize("store", ["database", "cache"])
def test_a_bump_gives_a_new_generation_and_leaves_the_others(db, settings, store) -> None:
    settings.SCRIPTORIUM_PAGE_GENERATIONS = store
    before = generations_read(["all", work_generation(1), work_generation(2)])

    generations_bump(work_generation(1))

    after = generations_read(["all", work_generation(1), work_generation(2)])
    assert after[1] != before[1]
    assert (after[0], after[2]) == (before[0], before[2])


def test_a_generation_the_cache_lost_reads_as_a_new_one(db, settings) -> None:
    from django.core.cache import cache

    settings.SCRIPTORIUM_PAGE_GENERATIONS = "cache"
    [old] = generations_read(["listings"])
    cache.clear()

    [new] = generations_read(["listings"])

    assert new != old
