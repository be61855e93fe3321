"""``scriptorium claims send [--archivist USERNAME] [--all [--again] | NAME...]``: email claim invitations to the
authors of works archived on their behalf (external creators), as the archivist's page does. Each invitation is
sent in the name of the creator's archivist; creators without an address, claimed, taken down or who answered
"not mine" are reported, not sent to."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from scriptorium.claims.selectors import external_creators_named, external_creators_unanswered
from scriptorium.claims.services import claim_invitations_send


class Command(BaseCommand):
    help = "Send claim invitations to external creators (the authors of works archived on their behalf)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: object):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.parse_args = parser.parse_intermixed_args  # names may come before or after the options
        return parser

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["send"])
        parser.add_argument("names", nargs="*", metavar="NAME", help="External creators' names (any case).")
        parser.add_argument("--archivist", metavar="USERNAME", help="Only this archivist's external creators.")
        parser.add_argument(
            "--all", action="store_true", help="Every external creator not invited yet who has not answered."
        )
        parser.add_argument("--again", action="store_true", help="With --all: invite again those invited already.")

    def handle(self, *args: object, **options: object) -> None:
        names, every = options["names"], options["all"]
        if bool(names) == bool(every):
            raise CommandError("Name the external creators to invite, or say --all (not both).")
        archivist = None
        if options["archivist"]:
            archivist = get_user_model().objects.filter(username=options["archivist"], is_active=True).first()
            if archivist is None:
                raise CommandError(f"There is no active account named {options['archivist']}.")
        if every:
            creators = external_creators_unanswered(archivist=archivist, again=options["again"])
        else:
            creators, missing = external_creators_named(archivist=archivist, names=names)
            for name in missing:
                self.stderr.write(f"No external creator is named “{name}”.")
            if missing and not creators:
                raise CommandError("Nobody to invite.")
        sent = skipped = 0
        for archivist_id in dict.fromkeys(c.archivist_id for c in creators):
            own = [c for c in creators if c.archivist_id == archivist_id]
            report = claim_invitations_send(actor=own[0].archivist, external_creators=own)
            for creator in report.sent:
                self.stdout.write(f"Sent: {creator.name} <{creator.email}>")
            for creator, reason in report.skipped:
                self.stdout.write(f"Not sent: {creator.name}: {reason}")
            sent, skipped = sent + len(report.sent), skipped + len(report.skipped)
        self.stdout.write(f"{sent} claim invitation{'s' if sent != 1 else ''} sent, {skipped} not sent.")
