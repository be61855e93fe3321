"""A full rebuild's batches, prepared in worker processes while this one writes.

Reading a batch of works and turning it into rows (HTML to text, digests, word lists) is CPU-bound Python; the
database writes are one process's job (SQLite has one writer). With more than one core, worker processes
(forked, each with its own database connection, reading committed data) prepare the next batches while this
process writes the current one. At most ``2 × workers`` prepared batches wait in memory. Small rebuilds, rebuilds
inside a transaction (tests: workers could not see uncommitted rows) and one-core machines prepare in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connections

from scriptorium.search import indexing

if TYPE_CHECKING:
    from scriptorium.search.backends.database import DatabaseSearchBackend

#: Below this many works a rebuild prepares its batches in-process (starting workers costs more).
PARALLEL_MIN_WORKS = 20_000


@dataclass
class Rows:
    """What one batch inserts: document rows, (work, tag) rows and the vendor's text rows."""

    documents: list[tuple]
    tags: list[tuple]
    text: list[tuple]


def default_workers() -> int:
    """One worker per core beside the writing process, at most four."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


# Set in each worker by _start: the backend and the tag graph, so a task carries only its work ids.
_worker: dict[str, object] = {}


def _start(alias: str, edges: dict[int, set[int]]) -> None:
    from scriptorium.search.backends import get_search_backend

    _worker["backend"] = get_search_backend(alias)
    _worker["edges"] = edges


def _prepare(chunk: list[int]) -> tuple[int, Rows]:
    backend = _worker["backend"]
    documents = indexing.documents_for(chunk, edges=_worker["edges"])  # type: ignore[arg-type]
    return len(chunk), backend.rows_for(documents)  # type: ignore[attr-defined]


def rebuild_rows(
    backend: DatabaseSearchBackend, work_ids: list[int], edges: dict[int, set[int]]
) -> Iterator[tuple[int, Rows]]:
    """(works in the batch, its rows) for every batch of ``work_ids``, in order."""
    batches = list(indexing.chunks(work_ids, size=indexing.REBUILD_BATCH))
    workers = backend.rebuild_workers
    connection = connections[backend.using]
    if workers < 1 or len(work_ids) < PARALLEL_MIN_WORKS or connection.in_atomic_block:
        for chunk in batches:
            yield len(chunk), backend.rows_for(indexing.documents_for(chunk, edges=edges))
        return
    # Forked workers must not share this process's connections: close them, each side opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start, initargs=(backend.alias, edges)) as pool:
        pending: deque = deque()
        queue = iter(batches)
        for chunk in queue:
            pending.append(pool.apply_async(_prepare, (chunk,)))
            if len(pending) >= 2 * workers:
                break
        while pending:
            yield pending.popleft().get()
            chunk = next(queue, None)
            if chunk is not None:
                pending.append(pool.apply_async(_prepare, (chunk,)))
