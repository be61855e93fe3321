"""``scriptorium import-efiction mysql://user:pass@host:port/db [--stories-dir DIR] [--archivist USERNAME]
[--table-prefix P] [--mapping FILE] [--source-name NAME] [--dry-run]``, or ``--write-mapping FILE``.

Brings a whole eFiction 3.x archive across: authors as external creators (with their emails, for claim
invitations), stories as works credited to them, chapters (from the database, or from eFiction's
``stories/<uid>/<chapid>.txt`` files), series, and reviews as comments. Run it again to finish an interrupted
import: what is in already is skipped. docs/imports.md, "eFiction archives".
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.accounts.models import User
from scriptorium.accounts.services import import_account
from scriptorium.core.progress import Meter
from scriptorium.efiction.mapping import MappingError, mapping_load, mapping_write
from scriptorium.efiction.reader import EfictionError, EfictionReader, address_parse, connect
from scriptorium.efiction.services import ImportOptions, efiction_import


class Command(BaseCommand):
    help = "Import a whole eFiction archive (MySQL or MariaDB database, and its stories folder)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("database", nargs="?", help="mysql://user:password@host:port/database")
        parser.add_argument("--table-prefix", default="fanfiction_", help="eFiction's table prefix (fanfiction_).")
        parser.add_argument("--stories-dir", help="eFiction's stories folder, where chapters were kept as files.")
        parser.add_argument(
            "--archivist",
            help="Username of the account that archives the works (default: the archive's import account).",
        )
        parser.add_argument("--mapping", help="Your mapping file (TOML; --write-mapping writes the default).")
        parser.add_argument(
            "--source-name",
            help="Name of this archive in the creators' source (default: the "
            "database's name); keep it the same between runs.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and map everything; write nothing.")
        parser.add_argument("--write-mapping", metavar="FILE", help="Write the default mapping to FILE and stop.")

    def handle(self, *args: object, **options: object) -> None:
        if options["write_mapping"]:
            try:
                mapping_write(Path(str(options["write_mapping"])))
            except MappingError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"Wrote the default mapping to {options['write_mapping']}; edit it, then import with --mapping."
            )
            return
        if not options["database"]:
            raise CommandError("Name the eFiction database: mysql://user:password@host:port/database")
        try:
            mapping = mapping_load(Path(str(options["mapping"])) if options["mapping"] else None)
            address = address_parse(str(options["database"]))
        except (MappingError, EfictionError) as exc:
            raise CommandError(str(exc)) from exc
        if options["archivist"]:
            archivist = User.objects.filter(username=options["archivist"]).first()
            if archivist is None:
                raise CommandError(f"No account named “{options['archivist']}”.")
        else:
            archivist = import_account()
        stories_dir = Path(str(options["stories_dir"])) if options["stories_dir"] else None
        if stories_dir is not None and not stories_dir.is_dir():
            raise CommandError(f"The stories folder {stories_dir} does not exist.")
        source = f"efiction:{options['source_name'] or address.database}"
        meter: Meter | None = None

        def progress(done: int, total: int) -> None:
            nonlocal meter
            if meter is None:
                self.stderr.ending = ""  # the meter writes its own line ends (or redraws one line)
                meter = Meter(total, self.stderr, unit="stories")
            meter.update(done, total)

        try:
            connection = connect(address)
            try:
                reader = EfictionReader(connection, prefix=str(options["table_prefix"]))
                report = efiction_import(
                    reader=reader,
                    options=ImportOptions(
                        archivist=archivist,
                        source=source,
                        mapping=mapping,
                        stories_dir=stories_dir,
                        dry_run=bool(options["dry_run"]),
                    ),
                    progress=progress,
                )
            finally:
                connection.close()
        except EfictionError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if meter is not None:
            meter.finish()
        self.stdout.write(report.text())
        if not report.dry_run and report.counts["authors"]:
            self.stdout.write(
                "\nTo invite the authors to claim their works, run:\n"
                f"  scriptorium claims send --archivist {archivist.username} --all"
            )
