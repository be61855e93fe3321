"""Each page a guest reads is built once, then answered from the cache (the same page, with the reader's own
CSRF token); with the cache off, always built."""

from __future__ import annotations

import re

import pytest

from tests.pagecache.conftest import PAGES, guest, page_urls

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def _without_tokens(content: bytes) -> bytes:
    return TOKEN.sub(b"TOKEN", content)


@pytest.mark.parametrize("page", PAGES)
def test_a_guest_page_is_built_once_then_served_from_the_cache(story, page) -> None:
    url = page_urls(story)[page]

    first = guest().get(url)
    second = guest("198.51.100.7").get(url)

    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert "Lanterns Over Quayside" in second.content.decode()
    assert _without_tokens(second.content) == _without_tokens(first.content)
    assert "public" in second["Cache-Control"] and "max-age=0" in second["Cache-Control"]
    assert "s-maxage=0" in second["Cache-Control"]


def test_the_entire_work_and_the_work_page_are_kept_apart(story) -> None:
    urls = page_urls(story)
    guest().get(urls["work"])

    whole = guest().get(urls["entire work"])

    assert whole["X-Cache"] == "miss"
    assert "By morning the boats were gone." in whole.content.decode()


def test_the_query_string_is_one_key_whatever_its_order(story) -> None:
    guest().get("/works/?page=1&sort_column=revised_at")

    again = guest().get("/works/?sort_column=revised_at&page=1")

    assert again["X-Cache"] == "hit"


def test_with_the_cache_off_every_page_is_built(story, settings) -> None:
    settings.SCRIPTORIUM_PAGE_CACHE = False
    url = page_urls(story)["work"]
    guest().get(url)

    again = guest().get(url)

    assert "X-Cache" not in again
    assert "private" in again["Cache-Control"]


def test_the_proxy_lifetime_is_the_operators_choice(story, settings) -> None:
    settings.SCRIPTORIUM_PAGE_CACHE_PROXY_SECONDS = 2

    response = guest().get("/")

    assert "s-maxage=2" in response["Cache-Control"]


def test_pages_not_kept_are_private(story, writer, client) -> None:
    client.force_login(writer)
    for response in (client.get(f"/works/{story.pk}"), guest().get("/works/search/help"), guest().get("/nowhere")):
        assert "private" in response["Cache-Control"]
        assert "X-Cache" not in response


def test_a_page_too_large_to_keep_is_built_each_time(story, monkeypatch) -> None:
    from scriptorium.pagecache import middleware

    monkeypatch.setattr(middleware, "MAX_BYTES", 1_000)
    url = page_urls(story)["entire work"]
    guest().get(url)

    again = guest().get(url)

    assert "X-Cache" not in again and "private" in again["Cache-Control"]
