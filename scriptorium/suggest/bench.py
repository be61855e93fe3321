"""``scriptorium suggest bench``: time for a long work, and memory over many calls."""

from __future__ import annotations

import gc
import os
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from scriptorium.suggest.engine import suggest_document
from scriptorium.suggest.knowledge import build_knowledge, knowledge_current, knowledge_forget
from scriptorium.suggest.textsource import Document, document_from_text

TEXTS = Path(__file__).parent / "evaluation" / "texts"


def sample_text(words: int) -> str:
    """Our own evaluation stories, one after another, cut at ``words`` words (several fandoms at once: a hard
    case for the matcher)."""
    paragraphs: list[str] = []
    count = 0
    files = sorted(TEXTS.glob("*.txt"))
    while count < words:
        for path in files:
            for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
                paragraphs.append(paragraph)
                count += len(paragraph.split())
                if count >= words:
                    return "\n\n".join(paragraphs)
    return "\n\n".join(paragraphs)


def _rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bench(*, words: int = 10_000, runs: int = 20, calls: int = 1000) -> dict[str, object]:
    document = document_from_text(sample_text(words))
    started = time.perf_counter()
    knowledge_forget()
    knowledge_current()
    build_ms = (time.perf_counter() - started) * 1000
    suggest_document(document)  # warm
    timings, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        suggest_document(document)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    knowledge = build_knowledge()
    small: Document = document_from_text(sample_text(1000))
    gc.collect()
    tracemalloc.start()
    checkpoints = {}
    for call in range(1, calls + 1):
        suggest_document(small, knowledge, use_classifier=False)
        if call in (10, calls // 2, calls):
            gc.collect()
            checkpoints[call] = tracemalloc.get_traced_memory()[0] // 1024
    tracemalloc.stop()
    return {
        "words": document.word_count(),
        "knowledge_build_ms": round(build_ms, 1),
        "runs": runs,
        "median_ms": round(statistics.median(timings), 1),
        "max_ms": round(max(timings), 1),
        # CPU time of this process: what the work costs when the machine is shared with other jobs.
        "median_cpu_ms": round(statistics.median(cpu), 1),
        "load_average": round(os.getloadavg()[0], 2),
        "memory_calls": calls,
        "traced_kib_after_calls": checkpoints,
        "max_rss_mib": round(_rss_kib() / 1024, 1),
    }
