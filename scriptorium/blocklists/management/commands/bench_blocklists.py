"""``scriptorium bench_blocklists [--iterations 50] [--json]``: listings timed for a reader with 20 blocklist rules
beside a reader with none, on the configured archive (docs/performance.md, "Blocklists"). Writes two accounts of
its own and their rules into the database: run it on a scratch archive (``scriptorium bench corpus``)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.blocklists.bench import BenchError, format_table, run_blocklists_bench


class Command(BaseCommand):
    help = "Time the works listings with 20 blocklist rules against none (p50/p95, CPU, ratio)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--iterations", type=int, default=50, help="requests per row and account (default 50)")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args: object, **options: object) -> None:
        if options["iterations"] < 1:
            raise CommandError("--iterations must be at least 1.")
        try:
            result = run_blocklists_bench(iterations=options["iterations"], log=lambda line: self.stderr.write(line))
        except BenchError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result, indent=2) if options["json"] else format_table(result))
