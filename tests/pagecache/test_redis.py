"""The page cache on Redis (SCRIPTORIUM_CACHE_URL=redis://…): generations and pages in the shared cache, so a
change reaches every server process; the real Redis server at 127.0.0.1:6379, its keys under a prefix of our own."""

from __future__ import annotations

import secrets

import pytest
from django.core.cache import caches
from django.test import Client

from scriptorium.pagecache.generations import LISTINGS, generations_bump, generations_read
from scriptorium.works.services import work_update
from tests.pagecache.test_never_stale import _data

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def on_redis(settings):
    prefix = f"scriptorium-test-{secrets.token_hex(4)}"
    settings.CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{prefix}-{name}",
        }
        for name in ("default", "fragments", "pages")
    }
    settings.SCRIPTORIUM_PAGE_GENERATIONS = "cache"
    for name in ("default", "fragments", "pages"):
        caches[name].close()
    yield
    for name in ("default", "fragments", "pages"):
        caches[name].clear()
        caches[name].close()


def test_generations_live_in_redis_and_a_bump_changes_them(db, on_redis, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        first = generations_read([LISTINGS])
        assert generations_read([LISTINGS]) == first
        generations_bump(LISTINGS)
        assert generations_read([LISTINGS]) != first


def test_a_guest_listing_is_kept_in_redis_and_an_edit_reaches_the_next_guest(
    on_redis, story, writer, committed
) -> None:
    assert Client().get("/works/")["X-Cache"] == "miss"
    again = Client().get("/works/")
    assert again["X-Cache"] == "hit"
    assert "Lanterns Over Quayside" in again.content.decode()
    with committed():
        work_update(actor=writer, work=story, data=_data(story, title="Lanterns Over the Quay"))
    after = Client().get("/works/")
    assert after["X-Cache"] == "miss"
    assert "Lanterns Over the Quay" in after.content.decode()
