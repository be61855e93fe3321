"""``scriptorium bench_interfaces [--iterations 200] [--seed 1] [--json]``: the API and the OPDS catalogs timed
beside the pages they mirror, on the configured archive (docs/performance.md, "Interfaces")."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.api.bench import BenchError, format_table, run_interfaces_bench


class Command(BaseCommand):
    help = "Time the API and OPDS catalogs beside the work page and the works listing (p50/p95/p99, CPU)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--iterations", type=int, default=200, help="requests per row (default 200)")
        parser.add_argument("--seed", type=int, default=1, help="seed for drawing the works (default 1)")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args: object, **options: object) -> None:
        if options["iterations"] < 1:
            raise CommandError("--iterations must be at least 1.")
        try:
            result = run_interfaces_bench(
                iterations=options["iterations"], seed=options["seed"], log=lambda line: self.stderr.write(line)
            )
        except BenchError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result, indent=2) if options["json"] else format_table(result))
