from django.apps import AppConfig


class ComfortConfig(AppConfig):
    name = "scriptorium.comfort"
    label = "comfort"
    verbose_name = "Reading comfort (theme, fonts, widths)"
