from django.apps import AppConfig


class DataExportConfig(AppConfig):
    name = "scriptorium.dataexport"
    label = "dataexport"
    verbose_name = "Data export"
