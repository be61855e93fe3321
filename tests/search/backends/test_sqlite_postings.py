"""SQLite's tag postings (an FTS5 table of filter-tag tokens): kept with the index, checked, filled on upgrade."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from scriptorium.search.query import WorkQuery
from scriptorium.tags.models import Tag
from tests.factories import make_work

pytestmark = pytest.mark.django_db

upgrade = importlib.import_module("scriptorium.search.migrations.0004_sqlite_tag_postings")


@pytest.fixture
def sqlite_only() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("runs on SQLite only")


class _Editor:
    connection = connection

    @staticmethod
    def execute(sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def two_tag_query() -> WorkQuery:
    return WorkQuery(include_tags=tuple(Tag.objects.get(name=n).filter_tag_id for n in ("Orchard", "Fluff")))


def test_a_missing_posting_row_is_drift_that_check_reports_and_fixes(sqlite_only, backend, committed) -> None:
    with committed():
        work = make_work(title="Orchard days", fandoms=("Orchard",), additional_tags=("Fluff",))
    assert backend.search(two_tag_query()).work_ids == [work.pk]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_tagfts WHERE rowid = %s", [work.pk])
    assert backend.search(two_tag_query()).work_ids == []
    report = backend.check()
    assert report.missing == [work.pk]
    backend.index_works(report.missing)
    assert backend.search(two_tag_query()).work_ids == [work.pk]
    assert backend.check().clean


def test_the_upgrade_fills_the_postings_from_the_index_already_built(sqlite_only, backend, committed) -> None:
    with committed():
        work = make_work(title="Orchard days", fandoms=("Orchard",), additional_tags=("Fluff",))
        make_work(title="Only fluff", additional_tags=("Fluff",))
    editor = _Editor()  # what the migration's functions use of a schema editor (one cannot open in a test's atomic)
    upgrade.drop(None, editor)
    upgrade.create(None, editor)
    assert backend.search(two_tag_query()).work_ids == [work.pk]
    assert backend.check().clean
