"""``scriptorium import FILE… [--title T] [--creator PSEUD] [--draft] [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.accounts.models import Pseud
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import import_summary, work_import


class Command(BaseCommand):
    help = (
        "Import story files (plain-text dumps from fiction sites) as works. Each file is imported on its own: "
        "a bad file is reported and the rest go on."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="Files to import.")
        parser.add_argument("--title", help="Title for the imported work (files rarely carry one).")
        parser.add_argument("--creator", help="Pseud to credit (default: the archive's import account).")
        parser.add_argument("--draft", action="store_true", help="Keep the works as drafts.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object per file.")

    def handle(self, *args: object, **options: object) -> None:
        creator = None
        if options["creator"]:
            creator = Pseud.objects.select_related("user").filter(name__iexact=options["creator"]).first()
            if creator is None:
                raise CommandError(f"No pseud named “{options['creator']}”.")
        as_json = bool(options["json"])
        base_url = settings.SCRIPTORIUM_BASE_URL
        failures = 0
        for name in options["files"]:
            path = Path(str(name))
            try:
                if not path.is_file():
                    raise ImportRejected("not-found", f"{path} is not a file.")
                size = path.stat().st_size
                if size > settings.SCRIPTORIUM_IMPORT_MAX_BYTES:
                    limit = settings.SCRIPTORIUM_IMPORT_MAX_BYTES / (1024 * 1024)
                    raise ImportRejected("too-large", f"The file is larger than the {limit:g} MB limit.")
                result = work_import(
                    data=path.read_bytes(),
                    filename=path.name,
                    creator=creator,
                    title=options["title"],
                    draft=bool(options["draft"]),
                )
            except ImportRejected as exc:
                failures += 1
                if as_json:
                    record = {"file": str(path), "status": "failed", "code": exc.code, "error": exc.message}
                    self.stdout.write(json.dumps(record, ensure_ascii=False))
                else:
                    self.stderr.write(self.style.ERROR(f"{path}: not imported: {exc.message}"))
                continue
            summary = import_summary(result, base_url=base_url)
            if as_json:
                self.stdout.write(json.dumps({"file": str(path), "status": "imported", **summary}, ensure_ascii=False))
            else:
                state = "posted" if result.work.posted else "draft"
                self.stdout.write(
                    self.style.SUCCESS(f"{path}: imported as “{result.work.title}” ({state}) {summary['url']}")
                )
                for problem in result.problems:
                    self.stdout.write(f"  - {problem.field}: {problem.message}")
        if failures:
            raise CommandError(f"{failures} of {len(options['files'])} files were not imported.", returncode=1)
