"""``scriptorium counters recount``: rebuild every work's kudos, comments, hits and bookmarks counters."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from scriptorium.interactions.services.counters import counters_recount


class Command(BaseCommand):
    help = "Rebuild the works' counters (kudos, comments, hits, bookmarks) from the rows they count."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["recount"])
        parser.add_argument("--work", type=int, action="append", dest="works", help="Only this work (repeatable).")

    def handle(self, *args: object, **options: object) -> None:
        result = counters_recount(options["works"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Recounted {result.works} work{'s' if result.works != 1 else ''}: {result.changed} corrected."
            )
        )
