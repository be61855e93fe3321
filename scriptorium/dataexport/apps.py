from django.apps import AppConfig


class DataExportConfig(AppConfig):
    name = "scriptorium.dataexport"
    label = "dataexport"
    verbose_name = "Data export"

    def ready(self) -> None:
        from scriptorium.dataexport import signals  # noqa: F401 - an export's file follows its row
