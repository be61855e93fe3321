"""PostgreSQL planner settings: what a search sets on its database session, and what it leaves behind."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scriptorium.search.query import WorkQuery
from tests.factories import make_work


def _show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_only_text_searches_change_a_planner_setting_and_they_put_it_back(backend, committed) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL only")
    with committed():
        make_work(title="Lantern keeper", chapters=["The tide came in under the lantern."])

    with CaptureQueriesContext(connection) as text_search:
        assert backend.search(WorkQuery(text="lantern")).total == 1
    with CaptureQueriesContext(connection) as filter_search:
        assert backend.search(WorkQuery()).total == 1

    def settings_sql(captured: CaptureQueriesContext) -> list[str]:
        return [q["sql"] for q in captured.captured_queries if q["sql"].startswith(("SET", "RESET"))]

    assert settings_sql(text_search) == ["SET enable_seqscan = off", "RESET enable_seqscan"]
    assert settings_sql(filter_search) == []  # no round trips spent on settings for a listing
    assert _show("enable_seqscan") == "on"  # the rest of the request plans as usual


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_every_connection_opens_with_jit_off() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL only")
    connection.close()  # a new connection, as each worker and request gets
    assert _show("jit") == "off"
