"""Bad input and limits: unknown parameters named in a 400, page sizes capped, cursors, 429 with Retry-After."""

from __future__ import annotations

import pytest

from scriptorium.api.params import PAGE_SIZE_MAX
from scriptorium.search.backends import get_search_backend
from tests.factories import make_work

pytestmark = pytest.mark.django_db


def test_an_unknown_parameter_is_a_400_naming_it(api, shelf) -> None:
    response = api.get("/api/v1/works/", {"ratng": "Explicit"})
    assert response.status_code == 400
    assert list(response.json()) == ["ratng"]
    work = shelf["works"]["public"]
    response = api.get(f"/api/v1/works/{work.pk}/", {"fields": "title"})
    assert response.status_code == 400 and "fields" in response.json()


def test_page_sizes_are_capped_and_the_cursor_walks_every_work(api, db) -> None:
    works = [make_work(title=f"Work {i:03}") for i in range(PAGE_SIZE_MAX + 5)]
    get_search_backend().index_works([w.pk for w in works])
    first = api.get("/api/v1/works/", {"page_size": 100000, "sort": "title", "order": "asc"}).json()
    assert len(first["results"]) == PAGE_SIZE_MAX
    assert first["previous"] is None
    second = api.get(first["next"]).json()
    assert [w["title"] for w in second["results"]] == [f"Work {i:03}" for i in range(PAGE_SIZE_MAX, PAGE_SIZE_MAX + 5)]
    assert second["next"] is None and second["previous"]


def test_a_forged_cursor_or_a_bad_page_size_is_a_400(api, db) -> None:
    assert api.get("/api/v1/works/", {"cursor": "bm9wZQ"}).status_code == 400
    assert api.get("/api/v1/works/", {"page_size": "many"}).json() == {
        "page_size": ["Give a whole number of results per page."]
    }


def test_over_the_limit_is_a_429_with_retry_after(api, db, settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "5/min"},
    }
    assert [api.get("/api/v1/works/").status_code for _ in range(2)] == [200, 200]
    response = api.get("/api/v1/works/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60


def test_a_made_up_forwarded_address_does_not_escape_the_limit(api, db, settings) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "5/min"}}
    statuses = [api.get("/api/v1/works/", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(3)]
    assert statuses == [200, 200, 429]
