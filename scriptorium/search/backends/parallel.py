"""A full rebuild's batches, prepared in worker processes while this one writes.

Reading a batch of works and turning it into rows (HTML to text, digests, word lists) is CPU-bound Python; the
database writes are one process's job (SQLite has one writer). With more than one core, worker processes
(forked, each dropping the connections it inherits and opening its own, reading committed data) prepare the
next batches while this process writes the current one. At most ``2 × workers`` prepared batches wait in
memory. Small rebuilds, rebuilds inside a transaction (tests: workers could not see uncommitted rows) and
one-core machines prepare in-process.
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


# Connections a worker inherited from the parent: never used, never closed (_forget_inherited_connections).
_inherited: list[object] = []
# Set in each worker by _start: the backend and the tag graph, so a task carries only its work ids.
_worker: dict[str, object] = {}


def _forget_inherited_connections() -> None:
    """Drop (without closing) every database connection this forked worker inherited.

    They belong to the parent: two processes talking on one socket read each other's results. Closing them in
    the parent before the fork is not enough, as Django keeps connections per thread and, under a running event
    loop, per context: the parent can only close the ones its own context sees, while the child (where the loop
    is gone) sees the thread's. The dropped connections are kept referenced, so they are never closed here (a
    worker ends with ``os._exit``, which runs no finalizers): closing would tell the server or the SQLite file
    that the parent's session is over.
    """
    for alias in connections:
        _inherited.append(connections[alias])  # the inherited wrapper (or a new, unopened one)
        del connections[alias]


def _start(alias: str, edges: dict[int, set[int]]) -> None:
    from scriptorium.search.backends import get_search_backend

    _forget_inherited_connections()
    _worker["backend"] = get_search_backend(alias)
    _worker["edges"] = edges


def _prepare(chunk: list[int]) -> tuple[int, Rows]:
    backend = _worker["backend"]
    documents = indexing.documents_for(chunk, edges=_worker["edges"])
    return len(chunk), backend.rows_for(documents)


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
    # Each forked worker drops the connections it inherits and opens its own (_start); this process keeps its.
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
