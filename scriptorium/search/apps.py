from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "scriptorium.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from scriptorium.search import signals

        signals.connect()
