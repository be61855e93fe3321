"""``scriptorium bench_efiction --stories 10000 --chapters 40000 --reviews 100000 [--server mysql://root@127.0.0.1:3306]``.

Generates an eFiction archive of that size in a new MySQL/MariaDB database, imports it into the configured
database (use a scratch data directory: the works stay), and reports the time, the rate and the peak memory at
each tenth of the import (flat memory: the later tenths add little). The generated database is dropped after.
"""

from __future__ import annotations

import secrets

import pymysql
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.accounts.services import import_account
from scriptorium.efiction.bench import BenchSize, MemoryWatch, archive_generate, peak_rss_mb, server_address, timed
from scriptorium.efiction.mapping import mapping_load
from scriptorium.efiction.reader import EfictionError, EfictionReader, address_parse, connect
from scriptorium.efiction.services import ImportOptions, efiction_import


class Command(BaseCommand):
    help = "Time an eFiction import of a generated archive (stories, chapters, reviews) and report peak memory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stories", type=int, default=10_000)
        parser.add_argument("--chapters", type=int, default=40_000)
        parser.add_argument("--reviews", type=int, default=100_000)
        parser.add_argument("--authors", type=int, default=0, help="default: a fifth of the stories")
        parser.add_argument("--server", default="mysql://root@127.0.0.1:3306", help="MySQL/MariaDB server")
        parser.add_argument("--keep", action="store_true", help="keep the generated eFiction database")

    def handle(self, *args: object, **options: object) -> None:
        stories = int(options["stories"])
        if stories < 1 or int(options["chapters"]) < stories:
            raise CommandError("--stories must be at least 1 and --chapters at least as many as the stories.")
        size = BenchSize(
            stories=stories,
            chapters=int(options["chapters"]),
            reviews=int(options["reviews"]),
            authors=int(options["authors"]) or max(stories // 5, 1),
        )
        name = f"scriptorium_bench_efiction_{secrets.token_hex(4)}"
        try:
            address = address_parse(f"{options['server']}/{name}")
            admin = pymysql.connect(**server_address(address), autocommit=False, charset="utf8mb4")
        except (EfictionError, pymysql.MySQLError) as exc:
            raise CommandError(f"Cannot reach the MySQL/MariaDB server: {exc}") from exc
        try:
            with admin.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
                cursor.execute(f"USE `{name}`")
            _, generated = timed(lambda: archive_generate(admin, size))
            self.stderr.write(f"Generated {size} in {generated:.1f} s.")
            connection = connect(address)
            watch = MemoryWatch(total=stories, marks=[])
            try:
                options_ = ImportOptions(archivist=import_account(), source=f"efiction:{name}", mapping=mapping_load())
                report, seconds = timed(
                    lambda: efiction_import(reader=EfictionReader(connection), options=options_, progress=watch)
                )
            finally:
                connection.close()
        finally:
            if not options["keep"]:
                with admin.cursor() as cursor:
                    cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
            admin.close()
        counts = report.counts
        self.stdout.write(
            f"Imported {counts['works']:,} works, {counts['chapters']:,} chapters, {counts['comments']:,} comments "
            f"in {seconds:.1f} s ({counts['works'] / seconds:,.1f} stories/s); peak memory {peak_rss_mb():,.0f} MB."
        )
        self.stdout.write(
            "Peak memory by progress: " + ", ".join(f"{done:,} stories {mb:,.0f} MB" for done, mb in watch.marks)
        )
        if report.failed:
            self.stdout.write(f"{len(report.failed)} stories failed, first: {report.failed[0]}")
