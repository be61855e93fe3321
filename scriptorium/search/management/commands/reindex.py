"""``scriptorium reindex``: rebuild the search index from the database, with a progress bar on stderr."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from scriptorium.core.progress import WorksBar
from scriptorium.search.backends import DEFAULT_ALIAS, get_search_backend


class Command(BaseCommand):
    help = "Rebuild the works search index from the database (searches see a partial index while it runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--backend", default=DEFAULT_ALIAS, help="Search backend alias (SCRIPTORIUM_SEARCH).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: object, **options: object) -> None:
        backend = get_search_backend(str(options["backend"]))
        bar = WorksBar(0, self.stderr._out)
        count = backend.rebuild(progress=None if options["quiet"] else bar.update)
        elapsed = bar.finish() if not options["quiet"] else bar.elapsed()
        rate = count / elapsed if elapsed else 0.0
        self.stdout.write(f"Indexed {count:,} works with {backend.name} in {elapsed:.1f}s ({rate:,.0f} works/s).")
