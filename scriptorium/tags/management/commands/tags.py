"""`scriptorium tags …`: maintenance of the tags.

rebuild-filters        recompute the filter table from every work's tags and the wrangling
add-wrangler USERNAME  give an account the wrangler role (the "Tag wranglers" group)
bench-autocomplete     time tag autocomplete against many synthetic tags (rolled back afterwards)
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptorium.tags.filters import work_filters_rebuild


class Command(BaseCommand):
    help = "Tag maintenance: rebuild-filters, add-wrangler, bench-autocomplete."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        commands.add_parser("rebuild-filters", help="Recompute the filter table (which works each tag finds).")
        wrangler = commands.add_parser("add-wrangler", help="Put an account in the “Tag wranglers” group.")
        wrangler.add_argument("username")
        bench = commands.add_parser(
            "bench-autocomplete", help="Time autocomplete at N synthetic tags, in a transaction rolled back after."
        )
        bench.add_argument("--tags", type=int, default=100_000, help="how many tags the archive should hold")
        bench.add_argument("--rounds", type=int, default=5, help="times each query is run")

    def handle(self, *args: object, **options: object) -> None:
        subcommand = options["subcommand"]
        if subcommand == "rebuild-filters":
            result = work_filters_rebuild()
            self.stdout.write(
                f"Filters rebuilt: {result.works} works, {result.rows} rows "
                f"({result.added} added, {result.removed} removed)."
            )
            if result.refreshes_closed:
                self.stdout.write(f"{result.refreshes_closed} pending background refreshes are covered and closed.")
        elif subcommand == "add-wrangler":
            from scriptorium.accounts.models import User
            from scriptorium.tags.wranglers import wranglers_group

            user = User.objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"No account named {options['username']!r}.")
            user.groups.add(wranglers_group())
            self.stdout.write(f"{user.username} is a tag wrangler.")
        else:
            from scriptorium.tags.bench import bench_autocomplete

            bench_autocomplete(tags=options["tags"], rounds=options["rounds"], out=self.stdout)
