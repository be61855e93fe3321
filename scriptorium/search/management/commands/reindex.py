"""``scriptorium reindex``: rebuild the search index from the database, with a progress bar on stderr."""

from __future__ import annotations

import time
from typing import TextIO

from django.core.management.base import BaseCommand, CommandParser

from scriptorium.search.backends import DEFAULT_ALIAS, get_search_backend


class Bar:
    """One line redrawn on a terminal (a line per update elsewhere): works done, rate and time left."""

    WIDTH = 24

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.interactive = bool(getattr(stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0.0
        filled = int(self.WIDTH * done / total) if total else self.WIDTH
        line = (
            f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {done}/{total} works, {rate:,.0f} works/s, ETA {left:.0f}s"
        )
        self.stream.write(("\r" + line) if self.interactive else (line + "\n"))
        self.stream.flush()

    def finish(self) -> float:
        if self.interactive:
            self.stream.write("\n")
        return time.monotonic() - self.started


class Command(BaseCommand):
    help = "Rebuild the works search index from the database (searches see a partial index while it runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--backend", default=DEFAULT_ALIAS, help="Search backend alias (SCRIPTORIUM_SEARCH).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: object, **options: object) -> None:
        backend = get_search_backend(str(options["backend"]))
        bar = Bar(self.stderr._out)
        count = backend.rebuild(progress=None if options["quiet"] else bar)
        elapsed = bar.finish() if not options["quiet"] else time.monotonic() - bar.started
        rate = count / elapsed if elapsed else 0.0
        self.stdout.write(f"Indexed {count:,} works with {backend.name} in {elapsed:.1f}s ({rate:,.0f} works/s).")
