from django.apps import AppConfig


class LeavingConfig(AppConfig):
    name = "scriptorium.leaving"
    label = "leaving"
    verbose_name = "Leaving the archive"
