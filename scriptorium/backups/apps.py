from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "scriptorium.backups"
    label = "backups"
    verbose_name = "Backups"
