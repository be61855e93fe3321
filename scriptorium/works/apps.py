from django.apps import AppConfig


class WorksConfig(AppConfig):
    name = "scriptorium.works"
    label = "works"
    verbose_name = "Works"

    def ready(self) -> None:
        from scriptorium.works import receivers  # noqa: F401 - connects the receivers
