"""The shared backend suite runs against the backend of the current database: SQLite FTS5 on SQLite,
PostgreSQL full-text search on PostgreSQL (CI runs it on both)."""

from __future__ import annotations

import pytest
from django.db import connection

from scriptorium.search.backends import get_search_backend, reset_search_backends
from scriptorium.tags.wranglers import wranglers_group
from tests.factories import UserFactory

BACKENDS = {
    "sqlite": "scriptorium.search.backends.sqlite.SQLiteSearchBackend",
    "postgresql": "scriptorium.search.backends.postgres.PostgresSearchBackend",
}


@pytest.fixture
def backend(db, settings):
    settings.SCRIPTORIUM_SEARCH = {"default": {"BACKEND": BACKENDS[connection.vendor]}}
    reset_search_backends()
    yield get_search_backend()
    reset_search_backends()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a commit would run (the index tasks) after the block: ``with committed(): make_work(...)``."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def wrangler(db):
    user = UserFactory(username="search-wrangler")
    user.groups.add(wranglers_group())
    return user
