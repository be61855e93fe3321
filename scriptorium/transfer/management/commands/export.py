"""``scriptorium export WORK_ID… --format epub|azw3|mobi|pdf|html|txt|md [--format …] --output DIR``.

Writes each work's file into DIR, named from its title and creators, using the same builds (and the same
stored files) as the download links; a file built already for the work's current revision is copied, not
rebuilt. Works of any visibility are exported: this is the operator's tool.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.transfer.exports import converter_for, converters, is_available, store
from scriptorium.transfer.exports.builds import STALE_SECONDS, DownloadFailed, download_ready
from scriptorium.transfer.exports.naming import ascii_basename, basename
from scriptorium.works.models import Work


class Command(BaseCommand):
    help = "Export works as files (the formats of the download menu) into a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("work_ids", nargs="+", type=int, metavar="WORK_ID")
        parser.add_argument(
            "--format",
            dest="formats",
            action="append",
            metavar="FORMAT",
            help=f"One of: {', '.join(converters())}; repeat it for several (default: epub).",
        )
        parser.add_argument("--output", "-o", default=".", help="Folder to write the files into (default: here).")
        parser.add_argument("--ascii-names", action="store_true", help="Plain-ASCII file names.")

    def handle(self, *args: object, **options: object) -> None:
        formats: list[str] = list(options["formats"] or ["epub"])
        for name in formats:
            if converter_for(name) is None:
                raise CommandError(f"Unknown format “{name}”; choose from {', '.join(converters())}.")
            if not is_available(name):
                raise CommandError(converter_for(name).unavailable_reason())
        output = Path(str(options["output"]))
        output.mkdir(parents=True, exist_ok=True)
        failures = 0
        for work_id in options["work_ids"]:
            work = Work.objects.filter(pk=work_id).first()
            if work is None:
                self.stderr.write(f"Work {work_id}: no such work.")
                failures += 1
                continue
            creators = [
                c.pseud.display_name for c in work.creatorships.select_related("pseud__user").order_by("position")
            ]
            name = basename(work.title, creators)
            if options["ascii_names"]:
                name = ascii_basename(work.title, creators, fallback=f"work-{work.pk}")
            for format_name in formats:
                converter = converter_for(format_name)
                assert converter is not None
                try:
                    built = download_ready(work, format_name, wait=STALE_SECONDS, retry_failed=True)
                except DownloadFailed as exc:
                    self.stderr.write(f"Work {work.pk} as {converter.label}: failed: {exc.download.error}")
                    failures += 1
                    continue
                target = output / f"{name}.{converter.extension}"
                shutil.copyfile(store.path_of(built.path), target)
                self.stdout.write(f"{target}  ({built.size:,} bytes)")
        if failures:
            raise CommandError(f"{failures} export(s) failed.")
