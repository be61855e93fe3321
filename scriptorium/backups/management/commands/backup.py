"""``scriptorium backup DEST``: the database and the data directory's files in one archive with a manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from scriptorium.backups.services import BackupError, backup_create, backups_prune


class Command(BaseCommand):
    help = (
        "Back up the archive (database and data directory) into DEST: a file ending in .tar, .tar.gz, .tgz, .tar.xz "
        "or .tar.bz2, or a folder to write a dated .tar.gz in. The archive keeps running meanwhile."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("dest", type=Path, nargs="?")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Start the scheduled backups (SCRIPTORIUM_BACKUP_DIR, _EVERY, _KEEP) for the task worker to run; "
            "`scriptorium serve` does this itself when it runs the worker.",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="With a folder as DEST: keep only this many dated backups there, the newest (0: keep all).",
        )

    def handle(self, *args: object, dest: Path | None, keep: int, schedule: bool, **options: object) -> None:
        if schedule:
            self._schedule()
            return
        if dest is None:
            raise CommandError("Name where to write the backup: scriptorium backup DEST (a file or a folder).")
        try:
            result = backup_create(dest=dest)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Wrote {result.path} ({filesizeformat(result.size)}: {result.tables} tables, {result.files} files "
            "with their checksums)."
        )
        if keep > 0 and dest.is_dir():
            for path in backups_prune(directory=dest, keep=keep):
                self.stdout.write(f"Removed {path}.")

    def _schedule(self) -> None:
        from scriptorium.backups.tasks import backup_interval, backup_schedule_start

        if not backup_interval():
            raise CommandError("Set SCRIPTORIUM_BACKUP_DIR (the folder scheduled backups go to) first.")
        if backup_schedule_start():
            self.stdout.write(f"Scheduled backups start: the first in {backup_interval()} seconds.")
        else:
            self.stdout.write("Scheduled backups are already running (or this task backend cannot run them later).")
