"""``scriptorium bench search``: time the query mix (``queries``) against the configured backend and the page.

Every query type is warmed up with two untimed runs, then timed ``iterations`` times (cycling through that
many drawn queries). The time is the server's: ``backend.search(query)`` for the backend types, the whole
Django request (middleware, form, search, facets, rendering) through the test client for ``page``. Beside
the wall time, the CPU time of this process is kept (``cpu_*``): on a machine shared with other work the wall
time includes waiting for a core; with SQLite the CPU time is the query's own cost (with PostgreSQL the server's
share is not in it).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from typing import TextIO

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve

from scriptorium.search.backends import get_search_backend
from scriptorium.search.bench.queries import (
    QUERY_TYPES,
    TARGET_P95_MS,
    TEXT_TYPES,
    build_mix,
    corpus_facts,
)
from scriptorium.search.query import WorkQuery

PAGE_PATH = "/works/search"
WARM_UP = 2


class BenchError(Exception):
    """The benchmark cannot run here; the message says why."""


def percentile(sorted_ms: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_ms:
        return 0.0
    rank = max(1, math.ceil(share / 100 * len(sorted_ms)))
    return sorted_ms[rank - 1]


def _summary(name: str, timings: list[float], totals: list[int], cpu: list[float]) -> dict[str, object]:
    ordered = sorted(timings)
    cpu = sorted(cpu)
    spent = sum(ordered) / 1000
    p95 = percentile(ordered, 95)
    return {
        "runs": len(ordered),
        "p50_ms": round(percentile(ordered, 50), 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(percentile(ordered, 99), 2),
        "mean_ms": round(sum(ordered) / len(ordered), 2) if ordered else 0.0,
        "cpu_p50_ms": round(percentile(cpu, 50), 2),
        "cpu_p95_ms": round(percentile(cpu, 95), 2),
        "qps": round(len(ordered) / spent, 1) if spent else 0.0,
        "median_total": sorted(totals)[len(totals) // 2] if totals else None,
        "min_total": min(totals) if totals else None,
        "target_p95_ms": TARGET_P95_MS[name],
        "met": p95 <= TARGET_P95_MS[name],
    }


Timings = tuple[list[float], list[int], list[float]]  # wall ms, totals, this process's CPU ms


def _time_backend(search: Callable[[WorkQuery], object], queries: list[WorkQuery]) -> Timings:
    for query in queries[:WARM_UP]:
        search(query)
    timings, totals, cpu = [], [], []
    for query in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = search(query)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        totals.append(result.total)
    return timings, totals, cpu


def _page_settings() -> override_settings:
    # Static file URLs without a collectstatic manifest (a scratch archive has none); the lookup costs the same.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return override_settings(ALLOWED_HOSTS=["*"], STORAGES=storages)


def _page_client_get(params: list[tuple[str, str]]) -> object:
    with _page_settings():
        return Client(raise_request_exception=False).get(PAGE_PATH, params)


def _time_page(queries: list[list[tuple[str, str]]]) -> Timings:
    client = Client(raise_request_exception=False)
    timings, totals, cpu = [], [], []
    with _page_settings():
        for params in queries[:WARM_UP]:
            client.get(PAGE_PATH, params)
        for params in queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(PAGE_PATH, params)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            if response.status_code != 200:
                raise BenchError(f"{PAGE_PATH} answered {response.status_code} for {params}.")
            if response.context is not None:  # only under the test runner's instrumentation
                totals.append(response.context["listing"].total)
    return timings, totals, cpu


def _page_exists() -> bool:
    try:
        resolve(PAGE_PATH)
    except Resolver404:
        return False
    return True


def run_search_bench(
    *, iterations: int, seed: int, types: tuple[str, ...] = (), log: TextIO, explain: bool = False
) -> dict[str, object]:
    unknown = [t for t in types if t not in QUERY_TYPES]
    if unknown:
        raise BenchError(f"Unknown query type {', '.join(unknown)}; choose among {', '.join(QUERY_TYPES)}.")
    backend = get_search_backend()
    facts = corpus_facts()
    if not facts.works:
        raise BenchError("The database holds no works: run `scriptorium bench corpus --works N` first.")
    mix = build_mix(facts, seed=seed, count=iterations)
    if not mix["tag"]:
        raise BenchError("The corpus has no canonical free tags on posted works to draw queries from.")
    result: dict[str, object] = {
        "backend": backend.name,
        "database": connection.vendor,
        "works": facts.works,
        "text": facts.has_text,
        "iterations": iterations,
        "seed": seed,
        "cpus": os.cpu_count(),
        "types": {},
        "skipped": {},
        "explain": {},
    }
    for name in types or QUERY_TYPES:
        if name in TEXT_TYPES and not facts.has_text:
            result["skipped"][name] = "the corpus has no chapter text (made with --no-text)"
            continue
        if name in TEXT_TYPES and not backend.supports_text:
            result["skipped"][name] = f"the {backend.name} backend does not search text"
            continue
        if name == "page" and not _page_exists():
            result["skipped"][name] = f"{PAGE_PATH} is not routed (see the 'facets' type for the backend's share)"
            continue
        log.write(f"{name}: {iterations} runs…\n")
        log.flush()
        timings = _time_page(mix[name]) if name == "page" else _time_backend(backend.search, mix[name])
        result["types"][name] = _summary(name, *timings)
        if explain:
            from scriptorium.search.bench.explain import explain_page, explain_query

            if name == "page":
                result["explain"][name] = explain_page(lambda: _page_client_get(mix["page"][0]))
            else:
                result["explain"][name] = explain_query(backend, mix[name][0])
    return result


def format_table(result: dict[str, object]) -> str:
    lines = [
        f"Search benchmark: {result['backend']} backend on {result['database']}, {result['works']:,} works "
        f"({'with' if result['text'] else 'without'} chapter text), {result['iterations']} runs per type, "
        f"seed {result['seed']}, {result['cpus']} CPUs.",
        f"{'type':<13} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'q/s':>8} {'cpu p95':>8} {'hits (median)':>14}"
        "  target p95",
    ]
    for name, row in result["types"].items():
        verdict = "met" if row["met"] else "MISSED"
        lines.append(
            f"{name:<13} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['qps']:>8.1f} "
            f"{row['cpu_p95_ms']:>8.1f} {row['median_total']!s:>14}  ≤ {row['target_p95_ms']:.0f} ms {verdict}"
        )
    for name, reason in result["skipped"].items():
        lines.append(f"{name:<13} skipped: {reason}")
    for name, explained in result["explain"].items():
        lines.append(f"\n{name}:")
        lines.extend(explained)
    return "\n".join(lines)
