from django.apps import AppConfig


class SkinsConfig(AppConfig):
    name = "scriptorium.skins"
    label = "skins"
    verbose_name = "Work skins (creators' styles for their works)"
