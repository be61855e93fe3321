from django.apps import AppConfig


class OpdsConfig(AppConfig):
    name = "scriptorium.opds"
    label = "opds"
    verbose_name = "OPDS catalogs"
