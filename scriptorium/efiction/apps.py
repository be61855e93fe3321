from django.apps import AppConfig


class EfictionConfig(AppConfig):
    name = "scriptorium.efiction"
    label = "efiction"
    verbose_name = "Imports of whole eFiction archives"
