from django.apps import AppConfig


class KosyncConfig(AppConfig):
    name = "scriptorium.kosync"
    label = "kosync"
    verbose_name = "Reading progress sync (KOReader)"
