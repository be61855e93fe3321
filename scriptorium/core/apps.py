from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "scriptorium.core"
    label = "core"
