"""``scriptorium search check``: compare the search index with the database (exit status 1 on drift);
``--fix`` re-indexes the works found missing, extra or stale."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandParser

from scriptorium.search.backends import DEFAULT_ALIAS, get_search_backend

SHOWN = 20


def _ids(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:SHOWN])
    return shown + (f" … ({len(ids) - SHOWN} more)" if len(ids) > SHOWN else "")


class Command(BaseCommand):
    help = "Search index upkeep: 'check' reports works missing from, extra in or stale in the index."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Report drift between the database and the index; exit 1 on drift.")
        check.add_argument("--backend", default=DEFAULT_ALIAS, help="Search backend alias.")
        check.add_argument("--fix", action="store_true", help="Re-index the drifted works afterwards.")

    def handle(self, *args: object, **options: object) -> None:
        backend = get_search_backend(str(options["backend"]))
        report = backend.check()
        if report.clean:
            self.stdout.write(f"The {backend.name} index matches the database.")
            return
        for label, ids in (("missing", report.missing), ("extra", report.extra), ("stale", report.stale)):
            if ids:
                self.stdout.write(f"{label}: {len(ids)} work(s): {_ids(ids)}")
        if options["fix"]:
            backend.index_works([*report.missing, *report.extra, *report.stale])
            after = backend.check()
            if after.clean:
                self.stdout.write("Fixed: the index matches the database again.")
                return
            self.stdout.write("Some drift remains after re-indexing; run `scriptorium reindex`.")
        sys.exit(1)
