"""``scriptorium db_worker``: django-tasks' database worker, which first holds its liveness lock, recovers the
tasks dead workers left running (``scriptorium.core.workers``) and starts the periodic chains not yet waiting
(``scriptorium.core.periodic``: a worker run as a service of its own, beside ``serve --no-worker``, keeps hits,
digests and scheduled backups going). Options are django-tasks' own."""

from __future__ import annotations

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from scriptorium.core.periodic import periodic_start
from scriptorium.core.workers import tasks_recover, worker_hold


class Command(DatabaseWorkerCommand):
    help = "Run the background worker (first recovering the tasks of workers that died while running them)."

    def handle(self, *args: object, **options: object) -> None:
        # With --reload the command runs twice, a watcher and the worker it starts: only the worker holds a lock.
        if not options.get("reload") or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            worker_id = str(options["worker_id"])
            worker_hold(worker_id)
            report = tasks_recover(current_worker=worker_id)
            if report.requeued or report.failed:
                self.stdout.write(
                    f"Recovered tasks left running by stopped workers: {len(report.requeued)} queued again, "
                    f"{len(report.failed)} marked failed."
                )
            periodic_start(write=lambda line: self.stdout.write(line))
        super().handle(*args, **options)
