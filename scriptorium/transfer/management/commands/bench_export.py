"""``scriptorium bench_export [--words 500000] [--chapters 200] [--format epub] [--work ID]``.

Times one export and reports its peak memory: by default a generated work of the given size, built in memory
(no database), or with ``--work`` a work of this archive (its snapshot read from the database, then converted).
Figures go to docs/performance.md.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.transfer.exports import converter_for, converters
from scriptorium.transfer.exports.snapshot import ChapterSnapshot, Link, WorkSnapshot, work_snapshot
from scriptorium.works.models import Work

_SYLLABLES = ("ka", "ri", "to", "mel", "an", "sor", "ve", "lin", "dra", "en", "qu", "ost", "il", "ber", "na", "th")


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Made-up words with an English-like length spread (so the file compresses like prose)."""
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))) for _ in range(size)]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generated_work(words: int, chapters: int, *, seed: int = 1) -> WorkSnapshot:
    """A work of about ``words`` words in ``chapters`` chapters of stored-HTML paragraphs."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    per_chapter = words // chapters
    parts = []
    for number in range(1, chapters + 1):
        paragraphs, count = [], 0
        while count < per_chapter:
            size = min(rng.randint(30, 120), per_chapter - count)
            sentence = " ".join(rng.choice(vocabulary) for _ in range(size))
            if rng.random() < 0.2:
                sentence = sentence.replace(" ", " <em>", 1) + "</em>"
            paragraphs.append(f"<p>“{sentence.capitalize()}.”</p>")
            count += size
        parts.append(
            ChapterSnapshot(
                position=number,
                title=f"Part {number}",
                text="\n".join(paragraphs),
                notes="<p>A note.</p>" if number % 10 == 0 else "",
            )
        )
    return WorkSnapshot(
        work_id=1,
        title="A Benchmark",
        creators=(Link("bench"),),
        chapters=tuple(parts),
        summary="<p>Generated for the export benchmark.</p>",
        word_count=words,
        fandoms=(Link("Original Work"),),
    )


class Command(BaseCommand):
    help = "Time one export (default: a generated 500,000-word, 200-chapter work to EPUB) and report peak memory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--words", type=int, default=500_000)
        parser.add_argument("--chapters", type=int, default=200)
        parser.add_argument("--format", dest="format_name", default="epub", choices=list(converters()))
        parser.add_argument("--work", type=int, help="Export this work of the archive instead of a generated one.")
        parser.add_argument("--repeat", type=int, default=3, help="Runs to time (the best is reported).")

    def handle(self, *args: object, **options: object) -> None:
        converter = converter_for(str(options["format_name"]))
        assert converter is not None
        if converter.requires:
            raise CommandError("Benchmark a format we build ourselves (epub, html, txt, md).")
        baseline = _rss_mb()
        timings = []
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / f"bench.{converter.extension}"
            for _ in range(int(options["repeat"])):
                if options["work"]:
                    start = time.perf_counter()
                    work = work_snapshot(Work.objects.get(pk=options["work"]))
                else:
                    work = generated_work(int(options["words"]), int(options["chapters"]))
                    start = time.perf_counter()
                converter.convert(work=work, inputs={}, target=target)
                timings.append(time.perf_counter() - start)
            size = target.stat().st_size
        words = sum(len(c.text.split()) for c in work.chapters)
        self.stdout.write(
            f"{converter.label}: {len(work.chapters)} chapters, ~{words:,} words -> {size / 1e6:.1f} MB file; "
            f"best of {len(timings)}: {min(timings):.2f} s (runs: {', '.join(f'{t:.2f}' for t in timings)}); "
            f"peak RSS {_rss_mb():.0f} MB (process before the work existed: {baseline:.0f} MB)"
        )
