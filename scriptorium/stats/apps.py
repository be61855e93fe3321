from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "scriptorium.stats"
    label = "stats"
    verbose_name = "Writer statistics"
