"""``scriptorium hits flush``: count the hits buffered in the cache into the works' counters."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from scriptorium.interactions.services.hits import hits_flush, hits_pending


class Command(BaseCommand):
    help = (
        "Flush buffered hits into Work.hits_count. With a shared cache (Redis) run it from cron, keep it running "
        "with --every, or start the self-renewing background task with --schedule. With the default per-process "
        "memory cache each server process flushes its own hits, so this command finds none."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["flush", "pending"])
        parser.add_argument("--every", type=int, default=0, help="Flush again every N seconds until stopped.")
        parser.add_argument(
            "--schedule", action="store_true", help="Enqueue the periodic flush task (run by db_worker)."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "pending":
            self.stdout.write(f"{hits_pending()} hits wait for a flush.")
            return
        if options["schedule"]:
            from scriptorium.interactions.tasks import schedule_next_flush

            if schedule_next_flush(force=True):
                self.stdout.write(self.style.SUCCESS("The periodic flush is scheduled."))
                return
            raise CommandError("The task backend cannot run tasks later, or SCRIPTORIUM_HITS_FLUSH_SECONDS is 0.")
        every = int(options["every"])
        while True:
            counted = hits_flush()
            self.stdout.write(f"{counted} hit{'s' if counted != 1 else ''} counted.")
            if every <= 0:
                return
            time.sleep(every)
