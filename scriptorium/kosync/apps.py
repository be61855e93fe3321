from django.apps import AppConfig


class KosyncConfig(AppConfig):
    name = "scriptorium.kosync"
    label = "kosync"
    verbose_name = "Reading progress sync (KOReader)"

    def ready(self) -> None:
        from scriptorium.kosync import receivers  # noqa: F401 - connects the receivers
