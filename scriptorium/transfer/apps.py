from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "scriptorium.transfer"
    label = "transfer"
    verbose_name = "Imports and exports"
