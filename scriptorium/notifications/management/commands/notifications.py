"""``scriptorium notifications digest``: send the email digests that are due (and match saved searches first).

``--schedule`` starts the self-renewing background run instead (the task worker, ``scriptorium db_worker``,
runs it every ``SCRIPTORIUM_NOTIFICATIONS_PERIODIC_SECONDS``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from scriptorium.notifications.digests import digests_send_due
from scriptorium.notifications.searches import saved_searches_match


class Command(BaseCommand):
    help = "Send due email digests of unread notifications; 'searches' only matches saved-search subscriptions."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["digest", "searches"])
        parser.add_argument(
            "--schedule", action="store_true", help="Enqueue the periodic run (saved searches, then digests)."
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["schedule"]:
            from scriptorium.notifications.tasks import schedule_next_run

            if schedule_next_run(force=True):
                self.stdout.write(self.style.SUCCESS("The periodic notifications run is scheduled."))
                return
            raise CommandError(
                "The task backend cannot run tasks later, or SCRIPTORIUM_NOTIFICATIONS_PERIODIC_SECONDS is 0."
            )
        made = saved_searches_match()
        self.stdout.write(f"{made} notification{'s' if made != 1 else ''} from saved searches.")
        if options["action"] == "digest":
            sent = digests_send_due()
            self.stdout.write(f"{sent} digest{'s' if sent != 1 else ''} sent.")
