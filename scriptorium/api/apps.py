from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "scriptorium.api"
    label = "api"
    verbose_name = "API"
