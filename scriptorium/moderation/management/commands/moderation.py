"""``scriptorium moderation add-moderator USERNAME``: give an account the moderator role (the "Moderators" group).

Superusers are moderators already. Taking the role back is done in Django's admin (the account's groups).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from scriptorium.accounts.models import User
from scriptorium.moderation.services import moderator_add


class Command(BaseCommand):
    help = "Moderation: add-moderator."

    def add_arguments(self, parser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        add = commands.add_parser("add-moderator", help="Put an account in the “Moderators” group.")
        add.add_argument("username")

    def handle(self, *args: object, **options: object) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No account named {options['username']!r}.")
        if not user.is_active:
            raise CommandError(f"{user.username} is not active (closed or banned): it cannot moderate.")
        moderator_add(actor=None, user=user)
        self.stdout.write(f"{user.username} is a moderator.")
