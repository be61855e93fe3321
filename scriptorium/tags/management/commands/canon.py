"""`scriptorium canon load [FILE]`: load the starter canon (or an archive's own canon file)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.tags.canon.loader import canon_load
from scriptorium.tags.canon.schema import STARTER


class Command(BaseCommand):
    help = "Canon data: canonical fandoms, characters and relationships with their synonyms."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        load = commands.add_parser(
            "load",
            help="Load a canon file (default: the starter canon). Safe to run again: it only adds what is missing "
            "and never changes a tag a wrangler has decided.",
        )
        load.add_argument("file", nargs="?", default=None, help=f"TOML canon file (default: {STARTER.name})")

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = canon_load(options["file"])
        except ValidationError as exc:
            raise CommandError("The canon file was not loaded:\n  " + "\n  ".join(exc.messages)) from exc
        if not result.changed:
            self.stdout.write(f"Canon {result.source}: already loaded, nothing to change.")
        else:
            parts = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in result.summary().items() if value)
            self.stdout.write(f"Canon {result.source}: {parts}.")
        if result.kept_local:
            self.stdout.write(f"Left as this archive has them ({len(result.kept_local)}):")
            for line in result.kept_local[:50]:
                self.stdout.write(f"  {line}")
            if len(result.kept_local) > 50:
                self.stdout.write(f"  … and {len(result.kept_local) - 50} more")
