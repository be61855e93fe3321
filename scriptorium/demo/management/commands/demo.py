from django.core.management.base import BaseCommand

from scriptorium.demo.services import demo_load


class Command(BaseCommand):
    help = "Load the demo archive (a few short works by the Scriptorium team) and a demo admin account."

    def handle(self, *args: object, **options: object) -> None:
        result = demo_load()
        if result.created_works:
            # Listings read the search index: build it now rather than leave the demo to the background worker.
            from scriptorium.search.backends import get_search_backend

            get_search_backend().rebuild()
            self.stdout.write(f"Demo archive: {result.created_works} works loaded.")
        else:
            self.stdout.write("Demo archive: already loaded.")
