"""``bench search --explain``: where one query of each type spends its time, statement by statement, and the
database's plan for the slowest statement (SQLite ``EXPLAIN QUERY PLAN``, PostgreSQL ``EXPLAIN ANALYZE``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connections
from django.test.utils import CaptureQueriesContext

from scriptorium.search.backends.base import BaseSearchBackend
from scriptorium.search.query import WorkQuery

SQL_SHOWN = 1500


def _plan(backend: BaseSearchBackend, alias: str, sql: str, *, text: bool) -> list[str]:
    connection = connections[alias]
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    prepare = getattr(backend, "prepare_read", None)
    finish = getattr(backend, "finish_read", None)
    try:
        with connection.cursor() as cursor:
            if prepare:
                prepare(cursor, text=text)  # the planner settings the search itself runs with
            try:
                cursor.execute(prefix + sql)
                rows = cursor.fetchall()
            finally:
                if finish:
                    finish(cursor, text=text)
    except Exception as error:
        return [f"(no plan: {error})"]
    if connection.vendor == "sqlite":
        return [f"{row[0]:>4} {row[1]:>4}  {row[-1]}" for row in rows]
    return [row[0] for row in rows]


def _statements(captured: CaptureQueriesContext, total_ms: float, found: str) -> tuple[list[str], list]:
    statements = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    lines = [f"  {total_ms:.1f} ms in {len(statements)} statements, {found}"]
    for spent, sql in statements:
        lines.append(f"    {spent:8.1f} ms  {sql[:160]}{'…' if len(sql) > 160 else ''}")
    return lines, statements


def explain_page(get: Callable[[], object]) -> list[str]:
    """One page request (``get``) with its statements: what the page adds to the backend's search."""
    with CaptureQueriesContext(connections["default"]) as captured:
        started = time.perf_counter()
        response = get()
        total_ms = (time.perf_counter() - started) * 1000
    lines, statements = _statements(captured, total_ms, f"status {response.status_code}")
    spent = sum(s for s, _ in statements)
    lines.append(
        f"  statements {spent:.1f} ms; the rest ({total_ms - spent:.1f} ms) is Python (backend, form, template)"
    )
    return lines


def explain_query(backend: BaseSearchBackend, query: WorkQuery) -> list[str]:
    """Run ``query`` once with every statement captured; report each statement's time and the slowest's plan."""
    alias = getattr(backend, "read_using", None) or getattr(backend, "using", None) or "default"
    connection = connections[alias]
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = backend.search(query)
        total_ms = (time.perf_counter() - started) * 1000
    lines, statements = _statements(captured, total_ms, f"{result.total:,} works found")
    if statements:
        spent, sql = max(statements)
        lines.append(f"  slowest statement ({spent:.1f} ms):")
        lines.append("    " + (sql if len(sql) <= SQL_SHOWN else sql[:SQL_SHOWN] + " …"))
        lines.append("  plan:")
        lines.extend("    " + line for line in _plan(backend, alias, sql, text=bool(query.text)))
    return lines
