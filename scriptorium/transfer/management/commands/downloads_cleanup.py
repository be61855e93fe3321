"""``scriptorium downloads_cleanup``: delete the download files of old revisions and of deleted works.

Background builds already clean up after each work; run this now and then (cron, or the
``transfer.tasks.downloads_cleanup_task``) for files whose works were deleted and builds that died.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from scriptorium.transfer.exports.builds import downloads_cleanup


class Command(BaseCommand):
    help = "Delete download files of old work revisions, deleted works and abandoned builds."

    def handle(self, *args: object, **options: object) -> None:
        report = downloads_cleanup(orphans=True)
        self.stdout.write(f"Removed {report.rows} old download record(s) and {report.files} file(s).")
