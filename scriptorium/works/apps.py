from django.apps import AppConfig


class WorksConfig(AppConfig):
    name = "scriptorium.works"
    label = "works"
    verbose_name = "Works"
