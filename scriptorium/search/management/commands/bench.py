"""`scriptorium bench …`: the search benchmark (docs/performance.md, "Search").

corpus   write an AO3-shaped synthetic archive into the configured (empty, scratch) database, then build the index
index    rebuild the search index of the configured backend and time it (works/s)
search   time a fixed query mix against the configured search backend and the search page
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Search benchmark: `bench corpus` writes a synthetic archive, `bench search` times the query mix."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        corpus = commands.add_parser(
            "corpus", help="Write an AO3-shaped archive (same seed, same archive) into an empty scratch database."
        )
        corpus.add_argument("--works", type=int, required=True, help="how many works to write")
        corpus.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        text = corpus.add_mutually_exclusive_group()
        text.add_argument(
            "--text-words", type=int, default=2000, help="average words per work, with chapter text (default 2000)"
        )
        text.add_argument(
            "--no-text",
            action="store_true",
            help="metadata only: word counts averaging 2000, one placeholder chapter per work, no text",
        )
        corpus.add_argument("--chapters-max", type=int, default=100, help="most chapters a work has (default 100)")
        corpus.add_argument("--force", action="store_true", help="add to a database that already holds works")
        corpus.add_argument("--no-index", action="store_true", help="do not rebuild the search index afterwards")
        corpus.add_argument("--batch", type=int, default=None, help="works per transaction")
        commands.add_parser("index", help="Rebuild the search index and report the build rate (works/s).")
        search = commands.add_parser("search", help="Time the query mix; p50/p95/p99 and queries/s per type.")
        search.add_argument("--iterations", type=int, default=50, help="timed runs per query type (default 50)")
        search.add_argument("--seed", type=int, default=1, help="seed for drawing the queries (default 1)")
        search.add_argument("--json", action="store_true", help="print the figures as JSON")
        search.add_argument(
            "--explain", action="store_true", help="also show each type's statements and the slowest one's plan"
        )
        search.add_argument("--types", default="", help="comma-separated query types to run (default: all)")

    def handle(self, *args: object, **options: object) -> None:
        if options["subcommand"] == "corpus":
            self._corpus(options)
        elif options["subcommand"] == "index":
            self._index()
        else:
            self._search(options)

    def _corpus(self, options: dict) -> None:
        from scriptorium.search.bench.corpus import CorpusOptions, CorpusRefused, corpus_generate

        if options["text_words"] < 20:
            raise CommandError("--text-words must be at least 20.")
        if options["chapters_max"] < 1:
            raise CommandError("--chapters-max must be at least 1.")
        corpus_options = CorpusOptions(
            works=options["works"],
            seed=options["seed"],
            text_words=options["text_words"],
            with_text=not options["no_text"],
            chapters_max=options["chapters_max"],
            build_index=not options["no_index"],
        )
        try:
            report = corpus_generate(
                options=corpus_options, out=self.stderr._out, force=options["force"], batch=options["batch"]
            )
        except CorpusRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Corpus: {report.works:,} works, {report.tags:,} tags, {report.users:,} accounts, "
            f"{report.chapters:,} chapters, {report.words:,} words of text, {report.taggings:,} taggings, "
            f"{report.filters:,} filter rows in {report.seconds:.1f} s ({report.rate:,.0f} works/s)."
        )
        if report.index_backend:
            self.stdout.write(
                f"Index ({report.index_backend}): {report.index_works:,} works in {report.index_seconds:.1f} s "
                f"({report.index_rate:,.0f} works/s; target ≥ 2,000)."
            )
        for note in report.notes:
            self.stdout.write(note)

    def _index(self) -> None:
        from scriptorium.search.bench.corpus import CorpusReport, index_build
        from scriptorium.works.models import Work

        report = CorpusReport(works=Work.objects.count())
        index_build(report, self.stderr._out)
        for note in report.notes:
            raise CommandError(note)
        self.stdout.write(
            f"Index ({report.index_backend}): {report.index_works:,} works in {report.index_seconds:.1f} s "
            f"({report.index_rate:,.0f} works/s; target ≥ 2,000; {report.index_cpu_seconds:.1f} s of CPU here)."
        )

    def _search(self, options: dict) -> None:
        from scriptorium.search.bench.runner import BenchError, format_table, run_search_bench

        types = tuple(t.strip() for t in options["types"].split(",") if t.strip())
        if options["iterations"] < 1:
            raise CommandError("--iterations must be at least 1.")
        try:
            result = run_search_bench(
                iterations=options["iterations"],
                seed=options["seed"],
                types=types,
                log=self.stderr._out,
                explain=options["explain"],
            )
        except BenchError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
        else:
            self.stdout.write(format_table(result))
