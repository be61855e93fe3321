"""``scriptorium invitations issue --count N [--to USERNAME | --to-all-users] [--per-user K]``: invitation codes
in bulk (printed when given to nobody, for the admins to hand out); ``scriptorium invitations release``: run the
queue's release for today now (once a day, like the background run)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from scriptorium.invitations.services import invitation_issue, queue_release


class Command(BaseCommand):
    help = "Issue invitation codes (to nobody, one account or every account), or release today's queue."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["issue", "release"])
        parser.add_argument("--count", type=int, help="How many codes to issue (to nobody, or to --to).")
        who = parser.add_mutually_exclusive_group()
        who.add_argument("--to", metavar="USERNAME", help="Give the codes to this account.")
        who.add_argument("--to-all-users", action="store_true", help="Give codes to every active account.")
        parser.add_argument("--per-user", type=int, help="With --to-all-users: codes per account (default 1).")

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "release":
            sent = queue_release()
            self.stdout.write(f"{sent} invitation{'s' if sent != 1 else ''} sent from the queue.")
            return
        try:
            if options["to_all_users"]:
                self._issue_all(options["per_user"] or options["count"] or 1)
            else:
                self._issue(options["count"], options["to"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None

    def _issue(self, count: int | None, username: str | None) -> None:
        if not count:
            raise CommandError("Say how many codes with --count N.")
        creator = None
        if username:
            creator = get_user_model().objects.filter(username=username, is_active=True).first()
            if creator is None:
                raise CommandError(f"There is no active account named {username}.")
        made = invitation_issue(count=count, creator=creator)
        if creator is None:
            for invitation in made:
                self.stdout.write(invitation.code)
        else:
            self.stdout.write(f"{len(made)} code{'s' if len(made) != 1 else ''} given to {creator.username}.")

    def _issue_all(self, per_user: int) -> None:
        users = get_user_model().objects.filter(is_active=True, is_system=False)
        with transaction.atomic():
            accounts = 0
            for user in users.iterator():
                invitation_issue(count=per_user, creator=user)
                accounts += 1
        self.stdout.write(f"{per_user} code{'s' if per_user != 1 else ''} given to each of {accounts} accounts.")
