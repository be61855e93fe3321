"""``scriptorium restore SRC``: a backup back into an empty data directory and an empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scriptorium.backups.services import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `scriptorium backup` into the data directory and the database the settings name "
        "(SCRIPTORIUM_DATA_DIR, DATABASE_URL). Both must be empty; the archive's checksums are verified first."
    )
    requires_system_checks = []  # nothing may touch the database before it is restored

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", type=Path)
        parser.add_argument(
            "--check", action="store_true", help="Only verify the archive's checksums; restore nothing."
        )

    def handle(self, *args: object, source: Path, check: bool, **options: object) -> None:
        try:
            if check:
                manifest = backup_verify(source=source)
                self.stdout.write(
                    f"{source} is whole: {len(manifest['files'])} files match their checksums "
                    f"({manifest['database']['vendor']} database, made {manifest['created']})."
                )
                return
            result = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {result.tables} tables into {result.database} (each matches the backup's row count and "
            f"checksum) and {result.files} files."
        )
        if result.unapplied:
            self.stdout.write(
                f"The backup predates {len(result.unapplied)} migrations of this version: run `scriptorium migrate`."
            )
