from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "scriptorium.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Importing the receivers connects them (``work_revised``).
        from scriptorium.search import receivers, signals  # noqa: F401

        signals.connect()
