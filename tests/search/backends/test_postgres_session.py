"""PostgreSQL planner settings: what a search leaves on its database session, and what it costs in round trips."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scriptorium.search.query import WorkQuery
from tests.factories import make_work


@pytest.mark.postgres
def test_jit_is_turned_off_once_per_session_and_seqscan_only_for_the_text_search(backend, committed) -> None:  # noqa: ANN001
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL only")
    with committed():
        make_work(title="Lantern keeper", chapters=["The tide came in under the lantern."])

    with CaptureQueriesContext(connection) as first:
        assert backend.search(WorkQuery(text="lantern")).total == 1
    with CaptureQueriesContext(connection) as second:
        assert backend.search(WorkQuery(text="lantern")).total == 1
        assert backend.search(WorkQuery()).total == 1

    def settings_sql(captured: CaptureQueriesContext) -> list[str]:
        return [q["sql"] for q in captured.captured_queries if q["sql"].startswith(("SET", "RESET"))]

    # The session may have searched in an earlier test already: at most once, then never again.
    assert [s for s in settings_sql(first) if "jit" not in s] == ["SET enable_seqscan = off", "RESET enable_seqscan"]
    assert settings_sql(first).count("SET jit = off") <= 1
    assert settings_sql(second) == ["SET enable_seqscan = off", "RESET enable_seqscan"]  # no SET per search
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"  # other queries on the session plan as usual


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_new_session_gets_jit_turned_off_again(backend) -> None:  # noqa: ANN001
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL only")
    make_work(title="Harbour")
    backend.search(WorkQuery())
    connection.close()
    with CaptureQueriesContext(connection) as captured:
        backend.search(WorkQuery())
    assert [q["sql"] for q in captured.captured_queries].count("SET jit = off") == 1
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
