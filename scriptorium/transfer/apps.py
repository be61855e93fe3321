from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "scriptorium.transfer"
    label = "transfer"
    verbose_name = "Imports and exports"

    def ready(self) -> None:
        from scriptorium.transfer import receivers  # noqa: F401 - connects the receivers
