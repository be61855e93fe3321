from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "scriptorium.interactions"
    label = "interactions"
    verbose_name = "Kudos, comments and hits"

    def ready(self) -> None:
        from scriptorium.interactions import signals  # noqa: F401 - connects the receivers
