from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "scriptorium.demo"
    label = "demo"
    verbose_name = "Demo archive"
